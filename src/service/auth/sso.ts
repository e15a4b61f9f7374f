// Who a single sign-on is: checks the provider's claims (a verified e-mail of an allowed domain),
// then finds the user by its identity (issuer + subject), else by e-mail (linking the identity),
// else creates it with the default role in the configured workspace; the role claim, when
// configured, sets the role at each sign-in. Every change is audited in the same transaction;
// the session (and the sign-in time) is the caller's to start.
import { StoreError } from '../../store/errors.js';
import type { StoreTx } from '../../store/port.js';
import type { TeamMethods } from '../../store/team-port.js';
import type { Role, User } from '../../store/team-records.js';
import type { SsoPolicy } from './oidc-settings.js';
import { normalizeEmail } from '../users/email.js';
import { UsersError } from '../users/users-error.js';
import { SsoError } from './sso-errors.js';
import { roleFromClaim } from './sso-role.js';

export type SsoTx = TeamMethods & Pick<StoreTx, 'getWorkspace' | 'listWorkspaces'>;
export interface SsoStore {
  transaction<T>(fn: (tx: SsoTx) => Promise<T>): Promise<T>;
}

export interface SsoLogin {
  /** The provider's issuer. */
  issuer: string;
  /** ID token claims, completed by the userinfo answer. */
  claims: Readonly<Record<string, unknown>>;
  /** The caller's address, for the audit trail. */
  ip: string | null;
}

export interface SsoResult {
  user: User;
  /** What this sign-in changed: a new user, a newly linked identity, a role set by the claim. */
  created: boolean;
  linked: boolean;
  roleChange?: { workspaceId: string; from: Role; to: Role };
}

const ACTOR = { actorKind: 'system', actorId: null, actorName: 'sso' } as const;

/** The verified e-mail of the claims, lower-cased, and its domain. */
function verifiedEmail(claims: SsoLogin['claims'], policy: SsoPolicy): string {
  if (typeof claims.email !== 'string' || claims.email.trim() === '')
    throw new SsoError('sso_email', 'the provider gave no e-mail address (scope `email`)');
  let email: string;
  try {
    email = normalizeEmail(claims.email);
  } catch (error) {
    if (error instanceof UsersError)
      throw new SsoError('sso_email', `the provider's ${error.message}`);
    throw error;
  }
  // Some providers send the flag as a string.
  if (claims.email_verified !== true && claims.email_verified !== 'true')
    throw new SsoError('sso_email', 'the provider has not verified the e-mail address');
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.includes(domain))
    throw new SsoError('sso_domain', `${domain} is not an allowed single sign-on domain`);
  return email;
}

/** The workspace a first sign-in joins (by id, then name; else the first), or SsoError 'sso_workspace'. */
export async function ssoWorkspace(
  tx: Pick<SsoTx, 'getWorkspace' | 'listWorkspaces'>,
  policy: Pick<SsoPolicy, 'workspace'>,
): Promise<string> {
  const wanted = policy.workspace;
  const all = await tx.listWorkspaces();
  const found = wanted
    ? ((await tx.getWorkspace(wanted)) ?? all.find((w) => w.name === wanted))
    : all[0];
  if (!found)
    throw new SsoError(
      'sso_workspace',
      wanted
        ? `LEADSCORE_OIDC_WORKSPACE: no workspace with id or name "${wanted}"`
        : 'there is no workspace yet',
    );
  return found.id;
}

/** The claim's role over an existing membership; the last active owner is never demoted. */
async function applyRoleClaim(
  tx: SsoTx,
  login: SsoLogin,
  policy: SsoPolicy,
  user: User,
  now: number,
): Promise<SsoResult['roleChange']> {
  if (!policy.roleClaim) return undefined;
  const ws = await ssoWorkspace(tx, policy);
  const membership = await tx.membership(ws, user.id);
  // A user removed from the workspace is not brought back by its provider.
  if (!membership) return undefined;
  const to = roleFromClaim(login.claims[policy.roleClaim]) ?? policy.defaultRole;
  const from = membership.role;
  if (to === from) return undefined;
  if (from === 'owner' && !user.disabled && (await tx.countActiveOwners(ws)) <= 1) return undefined;
  await tx.setMembership(ws, user.id, to, now);
  await tx.appendAudit(ws, {
    ...ACTOR,
    at: now,
    ip: login.ip,
    action: 'user.role_change',
    target: `user:${user.email}`,
    summary: { before: from, after: to, by: `claim ${policy.roleClaim}` },
  });
  return { workspaceId: ws, from, to };
}

async function createSsoUser(
  tx: SsoTx,
  login: SsoLogin & { subject: string; email: string },
  policy: SsoPolicy,
  now: number,
): Promise<User> {
  const ws = await ssoWorkspace(tx, policy);
  const role =
    (policy.roleClaim ? roleFromClaim(login.claims[policy.roleClaim]) : undefined) ??
    policy.defaultRole;
  const user = await tx.createUser({ email: login.email, passwordHash: null, now });
  await tx.addIdentity({
    issuer: login.issuer,
    subject: login.subject,
    userId: user.id,
    createdAt: now,
  });
  await tx.setMembership(ws, user.id, role, now);
  await tx.appendAudit(ws, {
    ...ACTOR,
    at: now,
    ip: login.ip,
    action: 'user.create',
    target: `user:${user.email}`,
    summary: { role, via: 'single sign-on', issuer: login.issuer },
  });
  return user;
}

async function signIn(
  tx: SsoTx,
  login: SsoLogin,
  policy: SsoPolicy,
  now: number,
): Promise<SsoResult> {
  const email = verifiedEmail(login.claims, policy);
  const subject = login.claims.sub;
  if (typeof subject !== 'string' || subject === '')
    throw new SsoError('sso_failed', 'the ID token has no subject');
  const identity = await tx.findIdentity(login.issuer, subject);
  let user = identity ? await tx.getUser(identity.userId) : undefined;
  const linked = !user;
  if (!user) user = await tx.findUserByEmail(email);
  if (!user) {
    const created = await createSsoUser(tx, { ...login, subject, email }, policy, now);
    return { user: created, created: true, linked: false };
  }
  if (user.disabled) throw new SsoError('sso_disabled', `user ${user.id} is disabled`);
  const memberships = await tx.membershipsOf(user.id);
  if (memberships.length === 0)
    throw new SsoError('sso_no_access', `user ${user.id} belongs to no workspace`);
  if (linked) {
    await tx.addIdentity({ issuer: login.issuer, subject, userId: user.id, createdAt: now });
    for (const m of memberships)
      await tx.appendAudit(m.workspaceId, {
        ...ACTOR,
        at: now,
        ip: login.ip,
        action: 'user.sso_link',
        target: `user:${user.email}`,
        summary: { issuer: login.issuer },
      });
  }
  const roleChange = await applyRoleClaim(tx, login, policy, user, now);
  return { user, created: false, linked, ...(roleChange ? { roleChange } : {}) };
}

/**
 * The user a single sign-on signs in as, or an SsoError saying why not. Two first sign-ins of one
 * person at once: the second finds the user the first created.
 */
export async function signInBySso(
  store: SsoStore,
  login: SsoLogin,
  policy: SsoPolicy,
  now: number,
): Promise<SsoResult> {
  try {
    return await store.transaction((tx) => signIn(tx, login, policy, now));
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
    return store.transaction((tx) => signIn(tx, login, policy, now));
  }
}
