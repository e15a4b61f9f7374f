// Signing in with a one-time link (an invitation or a reset): the link is used once (setting the
// password when one is given) and a session starts, as a password sign-in would.
import type { Membership, User } from '../../store/team-records.js';
import { redeemSignInLink, type TeamStore } from '../users/index.js';
import {
  DEFAULT_SESSION_OPTIONS,
  startSession,
  type SessionOptions,
  type StartedSession,
} from './sessions.js';

export async function signInWithLink(
  store: TeamStore,
  input: {
    token: string;
    password?: string | undefined;
    ip: string | null;
    userAgent: string | null;
    now: number;
  },
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<{ user: User; memberships: Membership[]; session: StartedSession }> {
  const { now } = input;
  const user = await redeemSignInLink(store, input.token, { password: input.password, now });
  const session = await startSession(
    store,
    { userId: user.id, now, ip: input.ip, userAgent: input.userAgent },
    options,
  );
  const memberships = await store.membershipsOf(user.id);
  return { user: { ...user, lastSignInAt: now }, memberships, session };
}
