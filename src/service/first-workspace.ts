// The workspace a fresh database starts with: a write key for Segment SDKs, and an admin key (role
// owner) only when the environment gives one for automation. People sign in as users: the first
// owner gets a one-time link (users/first-owner.ts).
import type { Store, Workspace } from '../store/port.js';
import { createWorkspaceWithKeys, issueKey, type IssuedKey } from './keys.js';

export interface FirstWorkspace {
  workspace: Workspace;
  /** Only with LEADSCORE_ADMIN_KEY. */
  admin: IssuedKey | undefined;
  write: IssuedKey;
}

export async function createFirstWorkspace(
  store: Store,
  name: string,
  now: number,
  secrets: { admin?: string | undefined; write?: string | undefined },
): Promise<FirstWorkspace> {
  if (secrets.admin) return createWorkspaceWithKeys(store, name, now, secrets);
  const workspace = await store.createWorkspace(name, now);
  const write = await issueKey(store, workspace.id, 'write', now, secrets.write);
  return { workspace, admin: undefined, write };
}
