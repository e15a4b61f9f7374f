// Adding people to a workspace: an invitation by one-time link, or (from the CLI) a user with a
// password. An existing user keeps its account and gains or changes its role here.
import { StoreError } from '../../store/errors.js';
import type { Role } from '../../store/team-records.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { normalizeEmail } from './email.js';
import { holdOwners, keepAnOwner } from './owner-guard.js';
import { addLink, type IssuedLink } from './sign-in-links.js';
import type { TeamStore, TeamTx } from './team-store.js';
import { UsersError } from './users-error.js';
import { workspaceUser, type WorkspaceUser } from './workspace-user.js';

export interface InviteInput {
  workspaceId: string;
  email: string;
  role: Role;
  now: number;
  /** Where the dashboard is reached (publicUrlOf): the link points there. */
  publicUrl: string;
}

/** A new user; 'conflict' when another request made the same address a moment before. */
async function createUser(tx: TeamTx, email: string, passwordHash: string | null, now: number) {
  try {
    return await tx.createUser({ email, passwordHash, now });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'conflict')
      throw new UsersError('conflict', `${email} was added by another request just now: try again`);
    throw error;
  }
}

/**
 * The user with this e-mail made a member with the role: created when new (with the password
 * hash, if any), its role changed when it had another one (ending its sessions, so every server
 * sees the new role at once). A disabled user is refused.
 */
async function addMember(
  tx: TeamTx,
  ws: string,
  email: string,
  role: Role,
  now: number,
  passwordHash: string | null,
): Promise<WorkspaceUser> {
  await holdOwners(tx, [ws]);
  const existing = await tx.findUserByEmail(email);
  const user = existing ?? (await createUser(tx, email, passwordHash, now));
  if (user.disabled)
    throw new UsersError('disabled', `${email} is disabled: enable the user before adding a role`);
  const before = existing ? await tx.membership(ws, user.id) : undefined;
  if (before?.role === 'owner' && role !== 'owner')
    await keepAnOwner(tx, ws, user, 'owner', 'change their role');
  if (before?.role !== role) await tx.setMembership(ws, user.id, role, now);
  const roleChanged = before !== undefined && before.role !== role;
  const passwordChanged = existing !== undefined && passwordHash !== null;
  if (roleChanged || passwordChanged) await tx.deleteSessionsOfUser(user.id);
  if (!existing || passwordHash === null) return workspaceUser(user, role);
  return workspaceUser(await tx.updateUser(user.id, { passwordHash }), role);
}

/** Adds the user (or its role) and issues a one-time sign-in link valid 24 hours. */
export async function inviteUser(
  store: TeamStore,
  input: InviteInput,
): Promise<{ user: WorkspaceUser; link: IssuedLink }> {
  const email = normalizeEmail(input.email);
  return store.transaction(async (tx) => {
    const user = await addMember(tx, input.workspaceId, email, input.role, input.now, null);
    const link = await addLink(tx, user.id, 'invite', input.now, input.publicUrl);
    return { user, link };
  });
}

/**
 * Adds the user (or its role) with this password, checked against the policy. An existing user's
 * password is replaced and its sessions end: only someone at the server's machine (the CLI) can
 * do this.
 */
export async function createUserWithPassword(
  store: TeamStore,
  input: { workspaceId: string; email: string; role: Role; password: string; now: number },
): Promise<WorkspaceUser> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem !== null) throw new UsersError('weak_password', problem);
  const passwordHash = await hashPassword(input.password);
  return store.transaction((tx) =>
    addMember(tx, input.workspaceId, email, input.role, input.now, passwordHash),
  );
}
