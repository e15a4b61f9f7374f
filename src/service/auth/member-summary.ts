// What the audit trail says of a change to a workspace's user: its e-mail (the target) and its
// role and disabled flag before the change. Read before the change; undefined for a non-member
// (the change then fails with not_found and records nothing).
import type { TeamMethods } from '../../store/team-port.js';
import type { Role } from '../../store/team-records.js';

export interface MemberSummary {
  email: string;
  role: Role;
  disabled: boolean;
}

export async function memberSummary(
  store: Pick<TeamMethods, 'getUser' | 'membership'>,
  ws: string,
  userId: string,
): Promise<MemberSummary | undefined> {
  const [user, membership] = await Promise.all([
    store.getUser(userId),
    store.membership(ws, userId),
  ]);
  if (!user || !membership) return undefined;
  return { email: user.email, role: membership.role, disabled: user.disabled };
}
