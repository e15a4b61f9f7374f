// Signing in with e-mail and password: throttled per account and per address (login-throttle.ts),
// the same answer and cost for an unknown e-mail, a wrong password and a disabled user, and a
// session started on success (which clears the account's failures).
import type { TeamMethods } from '../../store/team-port.js';
import type { Membership, User } from '../../store/team-records.js';
import { burnVerify, verifyPassword } from './passwords.js';
import { staleKeys, throttleKeys, waitBeforeAttempt } from './login-throttle.js';
import {
  DEFAULT_SESSION_OPTIONS,
  startSession,
  type SessionOptions,
  type SessionStore,
  type StartedSession,
} from './sessions.js';

export type LoginStore = SessionStore &
  Pick<
    TeamMethods,
    'findUserByEmail' | 'loginFailures' | 'recordLoginFailures' | 'clearLoginFailures'
  >;

export interface LoginAttempt {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  now: number;
}

export type LoginOutcome =
  | { kind: 'signed_in'; user: User; memberships: Membership[]; session: StartedSession }
  /** Wrong password, unknown e-mail, no password set or disabled: told apart to no one. */
  | { kind: 'refused' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/** The user when the password is theirs and they may sign in; the same work either way. */
async function check(store: LoginStore, email: string, password: string): Promise<User | null> {
  const user = await store.findUserByEmail(email.trim());
  if (!user || user.passwordHash === null) return burnVerify(password).then(() => null);
  const right = await verifyPassword(user.passwordHash, password);
  return right && !user.disabled ? user : null;
}

export async function login(
  store: LoginStore,
  attempt: LoginAttempt,
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<LoginOutcome> {
  const { now } = attempt;
  const keys = throttleKeys(attempt.email, attempt.ip);
  const failures = await store.loginFailures(keys);
  const stale = staleKeys(failures, now);
  if (stale.length > 0) await store.clearLoginFailures(stale);
  const wait = waitBeforeAttempt(
    failures.filter((f) => !stale.includes(f.key)),
    now,
  );
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = await check(store, attempt.email, attempt.password);
  if (!user) {
    await store.recordLoginFailures(keys, now);
    return { kind: 'refused' };
  }
  await store.clearLoginFailures([keys[0]!]);
  const session = await startSession(
    store,
    { userId: user.id, now, ip: attempt.ip, userAgent: attempt.userAgent },
    options,
  );
  const memberships = await store.membershipsOf(user.id);
  return { kind: 'signed_in', user: { ...user, lastSignInAt: now }, memberships, session };
}
