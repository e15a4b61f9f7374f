// Single sign-on with OpenID Connect: the sign-in page's list of ways in, the start (a redirect
// to the provider) and the callback (checks, find-or-create, session, redirect to the dashboard).
// Every refusal redirects to /sign-in?error=<code> and is logged with its reason, never a token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endSession, startSession } from '../../service/auth/sessions.js';
import { signInBySso } from '../../service/auth/sso.js';
import { SsoError, type SsoErrorCode } from '../../service/auth/sso-errors.js';
import type { AppDeps } from '../deps.js';
import { clearOidcCookie, pendingSignInOf, safeNext, setOidcCookie } from '../oidc-cookie.js';
import { authProvidersSchema } from '../schemas/auth-providers.js';
import { errorResponses } from '../schemas/error.js';
import { sessionTokenOf, setSessionCookie } from '../session-cookie.js';

export const OIDC_START_PATH = '/v1/auth/oidc/start';

function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const code: SsoErrorCode = error instanceof SsoError ? error.code : 'sso_error';
  if (error instanceof SsoError)
    request.log.warn({ sso: code, reason: error.message }, 'single sign-on refused');
  else request.log.error({ err: error, sso: code }, 'single sign-on failed');
  return reply.header('cache-control', 'no-store').redirect(`/sign-in?error=${code}`, 302);
}

export async function oidcRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const oidc = deps.oidc;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/auth/providers',
    {
      schema: {
        tags: ['auth'],
        summary: 'The ways to sign in (the sign-in page shows the single sign-on button from it)',
        response: { 200: authProvidersSchema, ...errorResponses() },
      },
    },
    async () => ({
      password: true as const,
      oidc: oidc ? { name: oidc.settings.name, startUrl: OIDC_START_PATH } : null,
    }),
  );

  // Browser navigations, not API calls: left out of the API document. `?next=/path` is the page
  // the dashboard returns to after signing in (a path of this site only).
  app.get(OIDC_START_PATH, { schema: { hide: true } }, async (request, reply) => {
    try {
      if (!oidc) throw new SsoError('sso_not_configured', 'single sign-on is not configured');
      const { url, pending } = await oidc.start();
      const next = safeNext((request.query as { next?: unknown } | undefined)?.next);
      setOidcCookie(reply, request, { ...pending, next });
      return reply.header('cache-control', 'no-store').redirect(url.href, 302);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });

  app.get('/v1/auth/oidc/callback', { schema: { hide: true } }, async (request, reply) => {
    const pending = pendingSignInOf(request);
    clearOidcCookie(reply, request);
    try {
      if (!oidc) throw new SsoError('sso_not_configured', 'single sign-on is not configured');
      if (!pending)
        throw new SsoError(
          'sso_expired',
          'no single sign-on in progress in this browser (its cookie expired or was not sent)',
        );
      const callbackUrl = new URL(oidc.settings.redirectUri);
      callbackUrl.search = new URL(request.url, 'http://callback').search;
      const login = await oidc.finish(callbackUrl, pending);
      const now = deps.clock();
      const signedIn = await signInBySso(
        deps.store,
        { ...login, ip: request.ip },
        oidc.settings.policy,
        now,
      );
      // A session this browser still had (another person, perhaps) ends with the new sign-in.
      const previous = sessionTokenOf(request);
      if (previous) await endSession(deps.store, previous);
      const session = await startSession(
        deps.store,
        {
          userId: signedIn.user.id,
          now,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        deps.sessions,
      );
      setSessionCookie(reply, request, session.token, session.expiresAt);
      request.log.info(
        {
          sso: signedIn.created ? 'created' : signedIn.linked ? 'linked' : 'signed_in',
          userId: signedIn.user.id,
          ...(signedIn.roleChange ? { roleChange: signedIn.roleChange } : {}),
        },
        'single sign-on',
      );
      return reply.header('cache-control', 'no-store').redirect(pending.next, 302);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });
}
