// Who a management request acts as, once authenticated: a signed-in person or an API key, bound
// to one workspace with one role there. Routes and the audit trail read it; nothing else decides.
import type { Role } from '../../store/team-records.js';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  role: Role;
  workspaceId: string;
  /** The session's token hash, so logout and revocation can name it. */
  sessionTokenHash: string;
}

export interface KeyPrincipal {
  kind: 'key';
  keyId: string;
  /** The key's name, or its display prefix when it has none. */
  name: string;
  role: Role;
  workspaceId: string;
}

export type Principal = UserPrincipal | KeyPrincipal;

/** How the audit trail and the sales loop name the principal. */
export function actorName(principal: Principal): string {
  return principal.kind === 'user' ? principal.email : principal.name;
}
