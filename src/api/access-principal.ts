// Who a request acts as: an API key (`Authorization: Bearer`) with its role in its own workspace,
// or a signed-in person (the session cookie) with their role in the workspace the request names
// (`X-Leadscore-Workspace`) or their only one. Refusals say what to send instead.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyPrincipal, UserPrincipal } from '../service/auth/principal.js';
import { resolveSession, type ResolvedSession } from '../service/auth/sessions.js';
import { keyCacheOf } from '../service/key-cache.js';
import type { AppDeps } from './deps.js';
import { ApiError } from './errors.js';
import { clearSessionCookie, sessionTokenOf } from './session-cookie.js';

export const WORKSPACE_HEADER = 'x-leadscore-workspace';
export const CSRF_HEADER = 'x-csrf-token';

export function bearerSecret(header: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

function workspaceHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[WORKSPACE_HEADER];
  const id = Array.isArray(value) ? value[0] : value;
  return id === undefined || id.trim() === '' ? undefined : id.trim();
}

/** The API key of the bearer secret, bound to its own workspace. */
export async function keyPrincipal(
  request: FastifyRequest,
  deps: AppDeps,
  secret: string,
): Promise<KeyPrincipal> {
  const key = await keyCacheOf(deps.store).find(secret);
  if (!key) throw new ApiError('unauthorized', 'unknown or revoked key');
  if (key.kind !== 'admin')
    throw new ApiError(
      'forbidden',
      'a write key cannot use the management API: use an api key (POST /v1/keys {"kind":"api"})',
    );
  const named = workspaceHeader(request);
  if (named !== undefined && named !== key.workspaceId)
    throw new ApiError(
      'forbidden',
      `X-Leadscore-Workspace: this key belongs to workspace ${key.workspaceId}, not ${named}`,
    );
  return {
    kind: 'key',
    keyId: key.id,
    name: key.label ?? key.prefix,
    role: key.role ?? 'owner',
    workspaceId: key.workspaceId,
  };
}

/**
 * The live session of the request's cookie, or a 401 (the stale cookie is cleared). A request
 * with no cookie at all is told how to authenticate: `missing`.
 */
export async function signedIn(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  missing: string,
): Promise<{ token: string; session: ResolvedSession }> {
  const token = sessionTokenOf(request);
  if (token === undefined) throw new ApiError('unauthorized', missing);
  const session = await resolveSession(deps.store, token, deps.clock(), deps.sessions);
  if (!session) {
    clearSessionCookie(reply, request);
    throw new ApiError('unauthorized', 'your session has expired or was ended: sign in again');
  }
  return { token, session };
}

/** The signed-in person in the workspace the request names, or their only one. */
export function userPrincipal(request: FastifyRequest, resolved: ResolvedSession): UserPrincipal {
  const { user, memberships, session } = resolved;
  const named = workspaceHeader(request);
  const ids = memberships.map((m) => m.workspaceId);
  let membership = memberships.length === 1 ? memberships[0] : undefined;
  if (named !== undefined) {
    membership = memberships.find((m) => m.workspaceId === named);
    if (!membership)
      throw new ApiError(
        'forbidden',
        `X-Leadscore-Workspace: you are not a member of workspace ${named}`,
      );
  } else if (memberships.length === 0) {
    throw new ApiError(
      'forbidden',
      `${user.email} belongs to no workspace: ask an owner to invite you`,
    );
  } else if (!membership) {
    throw new ApiError(
      'invalid_request',
      `you belong to several workspaces: send the X-Leadscore-Workspace header with one of ${ids.join(', ')}`,
      { field: 'headers.x-leadscore-workspace', workspaces: ids },
    );
  }
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    role: membership.role,
    workspaceId: membership.workspaceId,
    sessionTokenHash: session.tokenHash,
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** State-changing requests made with the cookie carry the session's CSRF token (or get 403). */
export function checkCsrf(request: FastifyRequest, csrfToken: string): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  const value = request.headers[CSRF_HEADER];
  const sent = Array.isArray(value) ? value[0] : value;
  // Digests of equal length, compared in constant time.
  if (sent !== undefined && timingSafeEqual(digest(sent), digest(csrfToken))) return;
  throw new ApiError(
    'forbidden',
    `${sent === undefined ? 'missing' : 'wrong'} X-CSRF-Token header: send the csrfToken that /v1/auth/login and /v1/auth/me answer`,
  );
}
