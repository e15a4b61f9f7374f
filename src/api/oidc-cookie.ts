// The cookie that carries a single sign-on in progress (state, nonce, PKCE verifier and the page
// to return to) from its start to its callback: HttpOnly, SameSite=Lax (sent on the provider's
// redirect back), scoped to /v1/auth/oidc, ten minutes, Secure over HTTPS. Used once: the
// callback clears it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { PendingSignIn } from '../service/auth/oidc-client.js';

export const OIDC_COOKIE = 'leadscore_oidc';
const PATH = '/v1/auth/oidc';
export const OIDC_COOKIE_SECONDS = 600;

/** A sign-in in progress and the dashboard page it returns to. */
export interface PendingOidc extends PendingSignIn {
  next: string;
}

function attributes(request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: PATH,
    secure: request.protocol === 'https',
  } as const;
}

/**
 * A page of this site to return to: a path (not `//host` nor `/\host`, which browsers read as
 * another site) of printable ASCII (as a browser encodes a URL; a header cannot carry more)
 * without backslashes; '/' for anything else.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  return /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : '/';
}

export function setOidcCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  pending: PendingOidc,
): void {
  const next = Buffer.from(pending.next).toString('base64url');
  const value = [pending.state, pending.nonce, pending.verifier, next].join('.');
  reply.setCookie(OIDC_COOKIE, value, { ...attributes(request), maxAge: OIDC_COOKIE_SECONDS });
}

export function clearOidcCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(OIDC_COOKIE, attributes(request));
}

/** The sign-in in progress of this browser, if its cookie is there and well-formed. */
export function pendingSignInOf(request: FastifyRequest): PendingOidc | undefined {
  const parts = request.cookies[OIDC_COOKIE]?.split('.') ?? [];
  const [state, nonce, verifier, next = ''] = parts;
  if (parts.length !== 4 || !state || !nonce || !verifier) return undefined;
  return { state, nonce, verifier, next: safeNext(Buffer.from(next, 'base64url').toString()) };
}
