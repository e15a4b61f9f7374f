// The store methods of people and their trail (see team-records.ts). Users, sessions, links,
// identities and login failures are global (a user may belong to several workspaces); memberships
// and audit entries belong to one workspace.
import type {
  AuditEntry,
  AuditFilter,
  AuditPosition,
  Identity,
  LoginFailure,
  Member,
  Membership,
  NewAuditEntry,
  Role,
  Session,
  SignInLink,
  User,
} from './team-records.js';

export interface TeamMethods {
  /** Throws StoreError 'conflict' when the (lower-cased) e-mail is taken. */
  createUser(user: { email: string; passwordHash: string | null; now: number }): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  /** Case-insensitive. */
  findUserByEmail(email: string): Promise<User | undefined>;
  /** Throws StoreError 'not_found' for an unknown user. */
  updateUser(
    id: string,
    patch: { passwordHash?: string | null; disabled?: boolean; lastSignInAt?: number },
  ): Promise<User>;

  /**
   * Removes the user and with it its memberships, sessions, sign-in links and identities (audit
   * entries keep naming it); true when there was one.
   */
  deleteUser(id: string): Promise<boolean>;

  /** Adds the user to the workspace with the role, or changes its role there. */
  setMembership(ws: string, userId: string, role: Role, now: number): Promise<void>;
  /** True when the user was a member. */
  removeMembership(ws: string, userId: string): Promise<boolean>;
  membership(ws: string, userId: string): Promise<Membership | undefined>;
  /** Every workspace of the user, by workspace name. */
  membershipsOf(userId: string): Promise<Membership[]>;
  /** The workspace's users, by e-mail. */
  listMembers(ws: string): Promise<Member[]>;
  /** Members with role owner whose user is not disabled. */
  countActiveOwners(ws: string): Promise<number>;
  /** Users with no membership anywhere are kept (they may be re-invited). */
  countUsers(): Promise<number>;

  createSession(session: Session): Promise<void>;
  findSession(tokenHash: string): Promise<Session | undefined>;
  touchSession(tokenHash: string, now: number): Promise<void>;
  /** True when there was one. */
  deleteSession(tokenHash: string): Promise<boolean>;
  /** Answers how many were ended. */
  deleteSessionsOfUser(userId: string): Promise<number>;
  /** Sessions past their absolute expiry or idle since `idleBefore`; answers how many. */
  deleteExpiredSessions(now: number, idleBefore: number): Promise<number>;

  addSignInLink(link: Omit<SignInLink, 'usedAt'>): Promise<void>;
  /**
   * Marks the link used and answers it, only when it exists, is unused and unexpired at `now`
   * (one statement: two concurrent uses cannot both succeed); undefined otherwise.
   */
  useSignInLink(tokenHash: string, now: number): Promise<SignInLink | undefined>;

  findIdentity(issuer: string, subject: string): Promise<Identity | undefined>;
  addIdentity(identity: Identity): Promise<void>;

  /** Adds one failure to each key (created at 1) and answers the counts after it. */
  recordLoginFailures(keys: readonly string[], now: number): Promise<LoginFailure[]>;
  /** The current counts of these keys (absent keys are left out). */
  loginFailures(keys: readonly string[]): Promise<LoginFailure[]>;
  clearLoginFailures(keys: readonly string[]): Promise<void>;

  appendAudit(ws: string, entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first (at, then id, descending), after `after` when given. */
  listAudit(
    ws: string,
    query: { filter: AuditFilter; limit: number; after?: AuditPosition | undefined },
  ): Promise<AuditEntry[]>;
  /** Retention, every workspace: answers how many entries were removed. */
  deleteAuditBefore(before: number): Promise<number>;
}
