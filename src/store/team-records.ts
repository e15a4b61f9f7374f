// The records of people and their trail: users, their roles per workspace, server-side sessions,
// one-time sign-in links, single sign-on identities, login throttling and audit entries.
import { z } from 'zod';

/** Epoch milliseconds, UTC. */
const millis = z.number();

/** What a person (or an API key) may do in one workspace; see src/service/auth/roles.ts. */
export const ROLES = ['owner', 'marketer', 'sales', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  /** Lower-cased; unique across the database. */
  email: z.string(),
  /** argon2id PHC string; null for a user who signs in only by link or single sign-on. */
  passwordHash: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: millis,
  lastSignInAt: millis.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const membershipSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  userId: z.string(),
  role: roleSchema,
  createdAt: millis,
});
export type Membership = z.infer<typeof membershipSchema>;

/** A user of a workspace with its role there (the People page's row). */
export const memberSchema = z.object({ user: userSchema, role: roleSchema, since: millis });
export type Member = z.infer<typeof memberSchema>;

export const sessionSchema = z.object({
  /** sha256 of the cookie's token: the token itself is never stored. */
  tokenHash: z.string(),
  userId: z.string(),
  createdAt: millis,
  /** Last request seen (written at most once a minute); idle expiry counts from it. */
  lastSeenAt: millis,
  /** Absolute expiry. */
  expiresAt: millis,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const SIGN_IN_LINK_PURPOSES = ['invite', 'reset'] as const;
export const signInLinkSchema = z.object({
  /** sha256 of the link's token. */
  tokenHash: z.string(),
  userId: z.string(),
  purpose: z.enum(SIGN_IN_LINK_PURPOSES),
  createdAt: millis,
  expiresAt: millis,
  usedAt: millis.nullable(),
});
export type SignInLink = z.infer<typeof signInLinkSchema>;

export const identitySchema = z.object({
  /** The OpenID provider's issuer URL. */
  issuer: z.string(),
  /** The provider's `sub` claim. */
  subject: z.string(),
  userId: z.string(),
  createdAt: millis,
});
export type Identity = z.infer<typeof identitySchema>;

/** Wrong-password counts per throttle key (`email:<address>`, `ip:<address>`). */
export const loginFailureSchema = z.object({
  key: z.string(),
  count: z.number().int(),
  lastAt: millis,
});
export type LoginFailure = z.infer<typeof loginFailureSchema>;

export const ACTOR_KINDS = ['user', 'key', 'cli', 'system'] as const;

export const newAuditEntrySchema = z.object({
  at: millis,
  actorKind: z.enum(ACTOR_KINDS),
  /** User id or key id; null for the CLI or the system. */
  actorId: z.string().nullable(),
  /** The user's e-mail or the key's name (or prefix); `cli` for the command line. */
  actorName: z.string(),
  /** The caller's address; null off the network. */
  ip: z.string().nullable(),
  /** A stable name such as `model.activate`, `lead.erase`, `key.revoke`, `user.role_change`. */
  action: z.string(),
  /** What was changed: `lead:<id>`, `model:3`, `key:<id>`, `user:<email>`; null for none. */
  target: z.string().nullable(),
  /** A short before/after summary; never secrets. */
  summary: z.record(z.string(), z.unknown()),
});
export type NewAuditEntry = z.infer<typeof newAuditEntrySchema>;

export const auditEntrySchema = newAuditEntrySchema.extend({ id: z.string() });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}
/** A position in the newest-first order of a workspace's audit entries. */
export type AuditPosition = Pick<AuditEntry, 'at' | 'id'>;
