// API keys: made at random, shown once, stored only as a hash; workspaces bootstrapped with
// an admin key (management API) and a write key (ingestion, safe to put in a browser).
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, Store, Workspace } from '../store/port.js';

export type KeyKind = ApiKey['kind'];

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newKeySecret(kind: KeyKind): string {
  return `ls_${kind}_${randomBytes(24).toString('base64url')}`;
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
): Promise<IssuedKey> {
  const key = await store.addApiKey({
    workspaceId,
    kind,
    hash: hashKey(secret),
    prefix: secret.slice(0, 12),
    label: null,
    rateLimitPerMinute: null,
    createdAt: now,
  });
  return { key, secret };
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
  const admin = await issueKey(
    store,
    workspace.id,
    'admin',
    now,
    secrets.admin ?? newKeySecret('admin'),
  );
  const write = await issueKey(
    store,
    workspace.id,
    'write',
    now,
    secrets.write ?? newKeySecret('write'),
  );
  return { workspace, admin, write };
}
