// The answers of the sign-in, people and audit API as the dashboard reads them: types only,
// inferred from the server's schemas (`import type` is erased from the bundle).
import type { z } from 'zod';
import type { AuditEntryView } from '../../../src/api/schemas/audit';
import type { SessionViewResponse } from '../../../src/api/schemas/auth';
import type { AuthProviders } from '../../../src/api/schemas/auth-providers';
import type { invitedUserSchema, UserView } from '../../../src/api/schemas/user';

export type Me = SessionViewResponse;
export type Workspace = Me['workspaces'][number];
export type Role = Workspace['role'];
export type Permission = Workspace['permissions'][number];
export type Providers = AuthProviders;
export type WorkspaceUser = UserView;
export type Invited = z.infer<typeof invitedUserSchema>;

/** The roles, in the order the role pickers list them: a value the dashboard needs at run time. */
export const ROLES = ['owner', 'marketer', 'sales', 'viewer'] as const satisfies readonly Role[];

/** Compiles only while the list above names every role the server has. */
type Exhaustive<Missing extends never> = Missing;
export type AllRoles = Exhaustive<Exclude<Role, (typeof ROLES)[number]>>;

export type AuditEntry = AuditEntryView;
