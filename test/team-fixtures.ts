// People for API tests: users of each role signed in (a session started through the service, or
// a real login), api keys of each role, and the headers that send them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { startSession } from '../src/service/auth/sessions.js';
import { issueKey } from '../src/service/keys.js';
import { createUserWithPassword } from '../src/service/users/index.js';
import type { Store } from '../src/store/port.js';
import type { Role } from '../src/store/team-records.js';

export const PASSWORD = 'correct horse battery staple 42';

export interface Caller {
  label: string;
  role: Role;
  headers: Record<string, string>;
  /** Headers of a state-changing call (the CSRF token for a session). */
  unsafeHeaders: Record<string, string>;
}

/** The cookie header of a session token. */
export const cookieOf = (token: string) => ({ cookie: `leadscore_session=${token}` });

/** A user of the workspace with the role and PASSWORD, signed in through the service. */
export async function signedInUser(
  store: Store,
  ws: string,
  email: string,
  role: Role,
  now: number,
): Promise<Caller & { userId: string }> {
  const user = await createUserWithPassword(store, {
    workspaceId: ws,
    email,
    role,
    password: PASSWORD,
    now,
  });
  const session = await startSession(store, { userId: user.id, now, ip: null, userAgent: null });
  const headers = cookieOf(session.token);
  return {
    label: `user ${role}`,
    role,
    userId: user.id,
    headers,
    unsafeHeaders: { ...headers, 'x-csrf-token': session.csrfToken },
  };
}

/** An api key of the workspace with the role. */
export async function apiKeyCaller(
  store: Store,
  ws: string,
  role: Role,
  now: number,
): Promise<Caller & { keyId: string; secret: string }> {
  const { key, secret } = await issueKey(store, ws, 'admin', now, undefined, `${role} key`, role);
  const headers = { authorization: `Bearer ${secret}` };
  return { label: `key ${role}`, role, keyId: key.id, secret, headers, unsafeHeaders: headers };
}

/** Signs in over HTTP; answers the response with the cookie and CSRF token it set. */
export async function login(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<{
  res: LightMyRequestResponse;
  cookie: { name: string; value: string } | undefined;
  headers: Record<string, string>;
  unsafeHeaders: Record<string, string>;
}> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
  const cookie = res.cookies.find((c) => c.name === 'leadscore_session');
  const body = res.statusCode === 200 ? res.json<{ csrfToken: string }>() : undefined;
  return {
    res,
    cookie,
    headers: cookie ? cookieOf(cookie.value) : {},
    unsafeHeaders: cookie
      ? { ...cookieOf(cookie.value), 'x-csrf-token': body?.csrfToken ?? '' }
      : {},
  };
}
