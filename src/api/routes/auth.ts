// Signing in and out over HTTP: login with e-mail and password (throttled), a one-time sign-in
// link redeemed, the current session (/v1/auth/me answers a new tab its CSRF token) and logout.
// Sessions live in the store; the browser holds only the HttpOnly cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login } from '../../service/auth/login.js';
import { sessionView } from '../../service/auth/session-view.js';
import { endSession, type StartedSession } from '../../service/auth/sessions.js';
import { signInWithLink } from '../../service/auth/link-sign-in.js';
import { UsersError } from '../../service/users/index.js';
import type { Membership, User } from '../../store/team-records.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { linkBodySchema, loginBodySchema, sessionViewSchema } from '../schemas/auth.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const signedInResponse = jsonResponse(
  'Signed in: the session cookie is set (HttpOnly, SameSite=Lax)',
  sessionViewSchema,
);

function answer(user: User, memberships: readonly Membership[], csrfToken: string) {
  const view = sessionView(user, memberships, csrfToken);
  return { ...view, user: { ...view.user, lastSignInAt: iso(view.user.lastSignInAt) } };
}

function userAgentOf(request: FastifyRequest): string | null {
  return request.headers['user-agent'] ?? null;
}

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const signIn = (reply: FastifyReply, request: FastifyRequest, session: StartedSession) =>
    setSessionCookie(reply, request, session.token, session.expiresAt);

  typed.post(
    '/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        description:
          'A wrong password, an unknown e-mail and a disabled user get the same 401. After 5 ' +
          'failures for an account or from an address, attempts are refused (429, Retry-After) ' +
          'for 1, 2, 4, ... seconds after each further failure, at most 15 minutes.',
        body: loginBodySchema,
        response: { 200: signedInResponse, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const outcome = await login(
        deps.store,
        {
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: userAgentOf(request),
          now: deps.clock(),
        },
        deps.sessions,
      );
      if (outcome.kind === 'throttled') {
        void reply.header('retry-after', String(outcome.retryAfterSeconds));
        throw new ApiError(
          'rate_limited',
          `too many failed sign-ins for this account or from this address: retry in ${outcome.retryAfterSeconds} s`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
      }
      if (outcome.kind === 'refused')
        throw new ApiError('unauthorized', 'wrong e-mail or password');
      signIn(reply, request, outcome.session);
      return answer(outcome.user, outcome.memberships, outcome.session.csrfToken);
    },
  );

  typed.post(
    '/v1/auth/link',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a one-time link (an invitation or a reset), setting a password',
        body: linkBodySchema,
        response: { 200: signedInResponse, ...errorResponses(400, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      try {
        const signed = await signInWithLink(
          deps.store,
          {
            token: request.body.token,
            password: request.body.password,
            ip: request.ip,
            userAgent: userAgentOf(request),
            now: deps.clock(),
          },
          deps.sessions,
        );
        signIn(reply, request, signed.session);
        return answer(signed.user, signed.memberships, signed.session.csrfToken);
      } catch (error) {
        if (error instanceof UsersError && error.code === 'disabled')
          throw new ApiError('forbidden', error.message);
        throw error;
      }
    },
  );

  typed.get(
    '/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their workspaces and the CSRF token (for a new tab)',
        response: { 200: jsonResponse('The session', sessionViewSchema), ...errorResponses(401) },
      },
    },
    async (request) => {
      const { session } = request.signedIn!;
      return answer(session.user, session.memberships, session.csrfToken);
    },
  );

  typed.post(
    '/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the session ends on every server and the cookie is cleared',
        response: {
          200: jsonResponse('Signed out', z.object({ signedOut: z.literal(true) })),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request, reply) => {
      await endSession(deps.store, request.signedIn!.token);
      clearSessionCookie(reply, request);
      return { signedOut: true as const };
    },
  );
}
