// A user as a workspace sees it: what the People page, `users list` and the API answer (never the
// password hash).
import type { Member, Role, User } from '../../store/team-records.js';
import type { TeamTx } from './team-store.js';
import { normalizeEmail } from './email.js';
import { UsersError } from './users-error.js';

export interface WorkspaceUser {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

export function workspaceUser(user: User, role: Role): WorkspaceUser {
  return {
    id: user.id,
    email: user.email,
    role,
    disabled: user.disabled,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

export function fromMember(member: Member): WorkspaceUser {
  return workspaceUser(member.user, member.role);
}

/** The user and its role in the workspace, or 'not_found' when it is not a member. */
export async function memberOf(
  tx: Pick<TeamTx, 'getUser' | 'membership'>,
  ws: string,
  userId: string,
): Promise<{ user: User; role: Role }> {
  const user = await tx.getUser(userId);
  const membership = user ? await tx.membership(ws, userId) : undefined;
  if (!user || !membership)
    throw new UsersError('not_found', `no user ${userId} in this workspace`);
  return { user, role: membership.role };
}

/** The member with this e-mail address, or 'not_found'. */
export async function memberByEmail(
  tx: Pick<TeamTx, 'findUserByEmail' | 'membership'>,
  ws: string,
  email: string,
): Promise<WorkspaceUser> {
  const address = normalizeEmail(email);
  const user = await tx.findUserByEmail(address);
  const membership = user ? await tx.membership(ws, user.id) : undefined;
  if (!user || !membership)
    throw new UsersError('not_found', `no user ${address} in this workspace`);
  return workspaceUser(user, membership.role);
}
