// The answers of the sign-in, people and audit API as the dashboard reads them (the contract of
// issue 13; `import type` of the server's schemas replaces these once they exist on main).

/** The roles a user or key holds in a workspace. */
export const ROLES = ['owner', 'marketer', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do (src/service/auth/permissions.ts lists them; read here, not imported). */
export type Permission =
  | 'leads.read'
  | 'leads.act'
  | 'leads.write'
  | 'leads.erase'
  | 'data.export'
  | 'data.import'
  | 'models.read'
  | 'models.write'
  | 'analytics.read'
  | 'predictive.read'
  | 'predictive.write'
  | 'automation.read'
  | 'automation.write'
  | 'jobs.read'
  | 'keys.manage'
  | 'users.manage'
  | 'audit.read';

export interface Workspace {
  id: string;
  name: string;
  role: Role;
  permissions: string[];
}

/** The answer of login, `GET /v1/auth/me` and redeeming a sign-in link. */
export interface Me {
  user: { id: string; email: string; lastSignInAt?: string | null };
  workspaces: Workspace[];
  csrfToken: string;
}

export interface Providers {
  password: boolean;
  oidc: { name: string; startUrl: string } | null;
}

export interface WorkspaceUser {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Invited {
  user: WorkspaceUser;
  link: { url: string; expiresAt: string };
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actorId: string;
  actorName: string;
  ip: string | null;
  action: string;
  target: string | null;
  summary: string | null;
}
