// One-time sign-in links: an invitation or a way back in, valid 24 hours, used once. Only the
// sha256 of the token is stored; the link itself is shown once.
import { createHash, randomBytes } from 'node:crypto';
import type { SignInLink, User } from '../../store/team-records.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { memberByEmail } from './workspace-user.js';
import type { TeamStore, TeamTx } from './team-store.js';
import { UsersError } from './users-error.js';

export const SIGN_IN_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface IssuedLink {
  /** `${publicUrl}/sign-in?token=...`: shown once, never stored. */
  url: string;
  token: string;
  expiresAt: number;
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new link for the user, written in the caller's transaction. */
export async function addLink(
  tx: TeamTx,
  userId: string,
  purpose: SignInLink['purpose'],
  now: number,
  publicUrl: string,
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SIGN_IN_LINK_TTL_MS;
  await tx.addSignInLink({
    tokenHash: hashLinkToken(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt,
  });
  return { url: `${publicUrl}/sign-in?token=${token}`, token, expiresAt };
}

/**
 * A new one-time link for a member of the workspace: the way back in for a locked-out owner
 * (`leadscore users link`). Refused for a disabled user.
 */
export async function issueSignInLink(
  store: TeamStore,
  input: { workspaceId: string; email: string; now: number; publicUrl: string },
): Promise<IssuedLink> {
  return store.transaction(async (tx) => {
    const member = await memberByEmail(tx, input.workspaceId, input.email);
    if (member.disabled)
      throw new UsersError('disabled', `${member.email} is disabled: enable the user first`);
    return addLink(tx, member.id, 'reset', input.now, input.publicUrl);
  });
}

const UNUSABLE =
  'this sign-in link is unknown, already used or expired: ask an owner for a new one';

/**
 * Uses the link once and answers its user; with a password, sets it (the policy checked, the
 * user's other sessions ended). A weak password leaves the link unused, to try again.
 */
export async function redeemSignInLink(
  store: TeamStore,
  token: string,
  options: { password?: string | undefined; now: number },
): Promise<User> {
  const { password, now } = options;
  if (!/^[\w-]{43}$/u.test(token)) throw new UsersError('invalid', UNUSABLE);
  // Hashed before the transaction, so that no write lock is held meanwhile; a password the policy
  // refuses whoever the user is (too short, too common) is not worth hashing.
  const passwordHash =
    password !== undefined && passwordProblem(password, '') === null
      ? await hashPassword(password)
      : undefined;
  return store.transaction(async (tx) => {
    const link = await tx.useSignInLink(hashLinkToken(token), now);
    const user = link ? await tx.getUser(link.userId) : undefined;
    if (!link || !user) throw new UsersError('invalid', UNUSABLE);
    if (user.disabled)
      throw new UsersError('disabled', `${user.email} is disabled: ask an owner to enable you`);
    if (password === undefined) return user;
    const problem = passwordProblem(password, user.email);
    if (problem !== null || passwordHash === undefined)
      throw new UsersError('weak_password', problem ?? 'password: refused by the policy');
    await tx.deleteSessionsOfUser(user.id);
    return tx.updateUser(user.id, { passwordHash });
  });
}
