// The cookie that carries a single sign-on in progress (state, nonce, PKCE verifier) from its
// start to its callback: HttpOnly, SameSite=Lax (sent on the provider's redirect back), scoped to
// /v1/auth/oidc, ten minutes, Secure over HTTPS. Used once: the callback clears it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { PendingSignIn } from '../service/auth/oidc-client.js';

export const OIDC_COOKIE = 'leadscore_oidc';
const PATH = '/v1/auth/oidc';
export const OIDC_COOKIE_SECONDS = 600;

function attributes(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: PATH,
    secure: request.protocol === 'https',
  } as const;
}

export function setOidcCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  pending: PendingSignIn,
): void {
  const value = [pending.state, pending.nonce, pending.verifier].join('.');
  reply.setCookie(OIDC_COOKIE, value, { ...attributes(request), maxAge: OIDC_COOKIE_SECONDS });
}

export function clearOidcCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(OIDC_COOKIE, attributes(request));
}

/** The sign-in in progress of this browser, if its cookie is there and well-formed. */
export function pendingSignInOf(request: FastifyRequest): PendingSignIn | undefined {
  const parts = request.cookies[OIDC_COOKIE]?.split('.') ?? [];
  const [state, nonce, verifier] = parts;
  if (parts.length !== 3 || !state || !nonce || !verifier) return undefined;
  return { state, nonce, verifier };
}
