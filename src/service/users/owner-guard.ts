// The rule that keeps every workspace reachable: its last active owner can never be demoted,
// disabled or removed.
import type { Role } from '../../store/team-records.js';
import type { TeamTx } from './team-store.js';
import { UsersError } from './users-error.js';

/**
 * PostgreSQL runs transactions side by side: two owners demoting each other at once would each
 * see the other still there. Holding one lock per workspace makes such changes queue. The lock
 * is taken through the lead locks (under a key no real lead id has); SQLite runs one at a time anyway.
 */
export async function holdOwners(tx: TeamTx, workspaceIds: readonly string[]): Promise<void> {
  for (const ws of [...new Set(workspaceIds)].sort()) await tx.lockLeads(ws, [OWNERS_LOCK]);
}

const OWNERS_LOCK = '\u001fteam-owners';

/**
 * Throws 'last_owner' when the user is an active owner of the workspace and the only one, so
 * that `change` (what is about to happen, for the message) would leave it without an owner.
 */
export async function keepAnOwner(
  tx: TeamTx,
  ws: string,
  user: { id: string; email: string; disabled: boolean },
  role: Role,
  change: string,
): Promise<void> {
  if (role !== 'owner' || user.disabled) return;
  if ((await tx.countActiveOwners(ws)) > 1) return;
  const membership = await tx.membership(ws, user.id);
  const where = membership ? `workspace "${membership.workspaceName}"` : 'the workspace';
  throw new UsersError(
    'last_owner',
    `${user.email} is the last active owner of ${where}: make another user owner before you ${change}`,
  );
}
