// API keys: made at random, shown once, stored only as a hash and a short display prefix;
// workspaces bootstrapped with an admin key (management API) and a write key (ingestion, safe to
// put in a browser).
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, Store, Workspace } from '../store/port.js';
import { noteAudit } from './audit/audit-scope.js';
import type { Role } from '../store/team-records.js';

/** Stored kinds: 'admin' is an api key (the management API, with a role); 'write' ingests only. */
export type KeyKind = ApiKey['kind'];

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Random bytes of a generated key: 192 bits, far beyond any search of the hash. */
export const KEY_RANDOM_BYTES = 24;

/** Characters of a key's secret part kept in clear, to tell keys apart in a list. */
export const DISPLAY_CHARS = 4;

/** New api keys start `ls_api_` (older ones `ls_admin_`), write keys `ls_write_`. */
export function newKeySecret(kind: KeyKind): string {
  const marker = kind === 'admin' ? 'api' : kind;
  return `ls_${marker}_${randomBytes(KEY_RANDOM_BYTES).toString('base64url')}`;
}

/**
 * What is stored and shown of a key: its kind marker (`ls_api_`, `ls_admin_`, `ls_write_`) and the
 * first DISPLAY_CHARS characters after it. A key without a marker (one given by the environment)
 * shows only its first DISPLAY_CHARS characters. Migration 014-key-prefix cuts older prefixes the
 * same way.
 */
export function displayPrefix(secret: string): string {
  const marker = /^ls_(api|admin|write)_/.exec(secret)?.[0] ?? '';
  return secret.slice(0, marker.length + DISPLAY_CHARS);
}

export interface IssuedKey {
  key: ApiKey;
  /** The secret itself: shown once, never stored. */
  secret: string;
}

export async function issueKey(
  store: Store,
  workspaceId: string,
  kind: KeyKind,
  now: number,
  secret = newKeySecret(kind),
  label: string | null = null,
  role: Role | null = kind === 'admin' ? 'owner' : null,
): Promise<IssuedKey> {
  const key = await store.transaction(async (tx) => {
    const added = await tx.addApiKey({
      workspaceId,
      kind,
      role: kind === 'admin' ? role : null,
      hash: hashKey(secret),
      prefix: displayPrefix(secret),
      label,
      rateLimitPerMinute: null,
      createdAt: now,
    });
    // Never the secret: what a reader of the trail needs to tell the key apart.
    noteAudit(`key:${added.id}`, {
      kind: added.kind === 'admin' ? 'api' : 'write',
      role: added.role,
      name: added.label,
    });
    return added;
  });
  return { key, secret };
}

/** The workspace's keys, live and revoked, as stored (hashes and display prefixes only). */
export function listKeys(store: Store, workspaceId: string): Promise<ApiKey[]> {
  return store.listApiKeys(workspaceId);
}

export interface NewWorkspace {
  workspace: Workspace;
  admin: IssuedKey;
  write: IssuedKey;
}

/** A workspace with one admin and one write key (the given secrets, or new random ones). */
export async function createWorkspaceWithKeys(
  store: Store,
  name: string,
  now: number,
  secrets: { admin?: string | undefined; write?: string | undefined } = {},
): Promise<NewWorkspace> {
  const workspace = await store.createWorkspace(name, now);
  const admin = await issueKey(store, workspace.id, 'admin', now, secrets.admin);
  const write = await issueKey(store, workspace.id, 'write', now, secrets.write);
  return { workspace, admin, write };
}
