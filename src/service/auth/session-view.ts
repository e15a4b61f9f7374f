// What sign-in, /v1/auth/me and a redeemed link answer: the person, each of their workspaces with
// their role and what it permits there (the dashboard shows only that), and the CSRF token.
import type { Membership, User } from '../../store/team-records.js';
import { PERMISSIONS, type Permission, can } from './permissions.js';

export interface SessionView {
  user: { id: string; email: string; lastSignInAt: number | null };
  workspaces: { id: string; name: string; role: Membership['role']; permissions: Permission[] }[];
  csrfToken: string;
}

export function sessionView(
  user: User,
  memberships: readonly Membership[],
  csrfToken: string,
): SessionView {
  return {
    user: { id: user.id, email: user.email, lastSignInAt: user.lastSignInAt },
    workspaces: memberships.map((m) => ({
      id: m.workspaceId,
      name: m.workspaceName,
      role: m.role,
      permissions: PERMISSIONS.filter((p) => can(m.role, p)),
    })),
    csrfToken,
  };
}
