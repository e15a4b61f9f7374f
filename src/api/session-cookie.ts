// The session cookie: `leadscore_session`, HttpOnly (no script reads it), SameSite=Lax (not sent
// on cross-site posts), Path=/, Secure when the request came over HTTPS (directly, or through a
// proxy trusted by LEADSCORE_TRUST_PROXY that says so in X-Forwarded-Proto).
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'leadscore_session';

/** Registers @fastify/cookie once, on the root app (app.ts): every route can read and set cookies. */
export async function installCookies(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
}

function attributes(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
  } as const;
}

/** Sets the session cookie, expiring with the session's absolute expiry (epoch ms). */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  expiresAt: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, { ...attributes(request), expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, attributes(request));
}

/** The session token the request's cookie carries, if any. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token === undefined || token === '' ? undefined : token;
}
