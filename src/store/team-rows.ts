// Rows of the team tables (migration 020) as both adapters read them, and their records.
import type {
  AuditEntry,
  Identity,
  LoginFailure,
  Role,
  Session,
  SignInLink,
  User,
} from './team-records.js';
import { readJsonObject } from './stored-json.js';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  disabled: number | boolean;
  created_at: number;
  last_sign_in_at: number | null;
}

export const USER_COLUMNS = 'id, email, password_hash, disabled, created_at, last_sign_in_at';

/** USER_COLUMNS of the users table aliased `u`, for joins. */
export const USER_COLUMNS_OF_U = USER_COLUMNS.split(', ')
  .map((c) => `u.${c}`)
  .join(', ');

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  passwordHash: r.password_hash,
  disabled: Boolean(r.disabled),
  createdAt: Number(r.created_at),
  lastSignInAt: r.last_sign_in_at === null ? null : Number(r.last_sign_in_at),
});

export interface MembershipRow {
  workspace_id: string;
  workspace_name: string;
  user_id: string;
  role: Role;
  created_at: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export const SESSION_COLUMNS =
  'token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent';

export const toSession = (r: SessionRow): Session => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
  expiresAt: Number(r.expires_at),
  ip: r.ip,
  userAgent: r.user_agent,
});

export interface SignInLinkRow {
  token_hash: string;
  user_id: string;
  purpose: SignInLink['purpose'];
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export const SIGN_IN_LINK_COLUMNS = 'token_hash, user_id, purpose, created_at, expires_at, used_at';

export const toSignInLink = (r: SignInLinkRow): SignInLink => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  purpose: r.purpose,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  usedAt: r.used_at === null ? null : Number(r.used_at),
});

export interface IdentityRow {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: number;
}

export const toIdentity = (r: IdentityRow): Identity => ({
  issuer: r.issuer,
  subject: r.subject,
  userId: r.user_id,
  createdAt: Number(r.created_at),
});

export interface LoginFailureRow {
  key: string;
  count: number;
  last_at: number;
}

export const toLoginFailure = (r: LoginFailureRow): LoginFailure => ({
  key: r.key,
  count: Number(r.count),
  lastAt: Number(r.last_at),
});

export interface AuditRow {
  id: number | string;
  at: number;
  actor_kind: AuditEntry['actorKind'];
  actor_id: string | null;
  actor_name: string;
  ip: string | null;
  action: string;
  target: string | null;
  summary: string;
}

export const AUDIT_COLUMNS =
  'id, at, actor_kind, actor_id, actor_name, ip, action, target, summary';

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: String(r.id),
  at: Number(r.at),
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorName: r.actor_name,
  ip: r.ip,
  action: r.action,
  target: r.target,
  summary: readJsonObject(r.summary, `audit entry ${String(r.id)} summary`),
});
