// Changing who may do what in a workspace: role, disabled, removal, and the list. Each change runs
// in one transaction with its checks, ends the user's sessions (so every server refuses the old
// role at once), and never leaves a workspace without an active owner.
import type { Role } from '../../store/team-records.js';
import { holdOwners, keepAnOwner } from './owner-guard.js';
import type { TeamStore } from './team-store.js';
import { fromMember, memberOf, workspaceUser, type WorkspaceUser } from './workspace-user.js';

/** The workspace's users with their role there, by e-mail. */
export async function listUsers(store: TeamStore, workspaceId: string): Promise<WorkspaceUser[]> {
  return (await store.listMembers(workspaceId)).map(fromMember);
}

export async function setRole(
  store: TeamStore,
  workspaceId: string,
  userId: string,
  role: Role,
  now: number,
): Promise<WorkspaceUser> {
  return store.transaction(async (tx) => {
    await holdOwners(tx, [workspaceId]);
    const member = await memberOf(tx, workspaceId, userId);
    if (member.role === role) return workspaceUser(member.user, role);
    await keepAnOwner(tx, workspaceId, member.user, member.role, 'change their role');
    await tx.setMembership(workspaceId, userId, role, now);
    await tx.deleteSessionsOfUser(userId);
    return workspaceUser(member.user, role);
  });
}

/**
 * Disables (or enables) a member of the workspace. A user is one account across workspaces, so
 * disabling it is refused while it is the last active owner of any of them.
 */
export async function setDisabled(
  store: TeamStore,
  workspaceId: string,
  userId: string,
  disabled: boolean,
  // Part of the signature every change shares; disabling records no time of its own.
  _now: number,
): Promise<WorkspaceUser> {
  return store.transaction(async (tx) => {
    const member = await memberOf(tx, workspaceId, userId);
    if (member.user.disabled === disabled) return workspaceUser(member.user, member.role);
    if (disabled) {
      const owned = (await tx.membershipsOf(userId)).filter((m) => m.role === 'owner');
      await holdOwners(
        tx,
        owned.map((m) => m.workspaceId),
      );
      for (const m of owned)
        await keepAnOwner(tx, m.workspaceId, member.user, 'owner', 'disable them');
      await tx.deleteSessionsOfUser(userId);
    }
    return workspaceUser(await tx.updateUser(userId, { disabled }), member.role);
  });
}

/** Removes the user from the workspace (its account stays, for other workspaces or a new invite). */
export async function removeFromWorkspace(
  store: TeamStore,
  workspaceId: string,
  userId: string,
): Promise<WorkspaceUser> {
  return store.transaction(async (tx) => {
    await holdOwners(tx, [workspaceId]);
    const member = await memberOf(tx, workspaceId, userId);
    await keepAnOwner(tx, workspaceId, member.user, member.role, 'remove them');
    await tx.removeMembership(workspaceId, userId);
    await tx.deleteSessionsOfUser(userId);
    return workspaceUser(member.user, member.role);
  });
}
