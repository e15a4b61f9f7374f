// The one gate of every route (installed once in app.ts): each route registered must have an
// entry in access-table.ts (startup fails naming one that does not), and each request is then
// authenticated and authorized by its route's entry before any handler runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { leadOwnership } from '../service/auth/lead-ownership.js';
import { ownLeadsOnly, PERMISSION_WORDS } from '../service/auth/permission-words.js';
import { can } from '../service/auth/permissions.js';
import type { Principal } from '../service/auth/principal.js';
import type { ResolvedSession } from '../service/auth/sessions.js';
import type { ApiKey } from '../store/port.js';
import {
  bearerSecret,
  checkCsrf,
  keyPrincipal,
  signedIn,
  userPrincipal,
} from './access-principal.js';
import { ACCESS_TABLE, type ManagementAccess, type RouteAccess } from './access-table.js';
import type { AppDeps } from './deps.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's entry of ACCESS_TABLE, set when the route is registered. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The management request's workspace (a key's own, or the one the user chose). */
    workspaceId: string;
    /** Who a management request acts as; null elsewhere. */
    principal: Principal | null;
    /** The key that authenticated an ingestion call. */
    apiKey: ApiKey | null;
    /** The session of a cookie-authenticated request; null otherwise. */
    signedIn: { token: string; session: ResolvedSession } | null;
  }
}

const registeredOf = new WeakMap<FastifyInstance, Set<string>>();

/** Every `METHOD /url` registered on the app (HEAD counted as GET), for the tests. */
export function registeredRoutes(app: FastifyInstance): ReadonlySet<string> {
  return registeredOf.get(app) ?? new Set();
}

/** The table's entry of a route's methods; HEAD follows GET. */
function accessOf(methods: readonly string[], url: string): RouteAccess {
  const keys = [...new Set(methods.map((m) => `${m === 'HEAD' ? 'GET' : m} ${url}`))];
  const missing = keys.filter((key) => !(key in ACCESS_TABLE));
  if (missing.length > 0)
    throw new Error(
      `route ${missing.join(', ')} has no entry in src/api/access-table.ts: add one saying who may call it`,
    );
  const [first, ...rest] = keys.map((key) => ACCESS_TABLE[key]!);
  if (rest.some((access) => access !== first))
    throw new Error(`route ${keys.join(', ')}: one route's methods need one access entry`);
  return first!;
}

export function installAccess(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('workspaceId', '');
  app.decorateRequest('principal', null);
  app.decorateRequest('apiKey', null);
  app.decorateRequest('signedIn', null);
  const registered = new Set<string>();
  registeredOf.set(app, registered);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.config = { ...route.config, access: accessOf(methods, route.url) };
    // Fastify adds some GET routes' HEAD twins as routes of their own: they count as the GET.
    for (const m of methods) registered.add(`${m === 'HEAD' ? 'GET' : m} ${route.url}`);
  });
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || request.method === 'OPTIONS') return;
    if (access.kind === 'session') {
      const found = await signedIn(
        request,
        reply,
        deps,
        'sign in first: this needs a session cookie (an API key has no session)',
      );
      checkCsrf(request, found.session.csrfToken);
      request.signedIn = found;
    } else if (access.kind === 'management') {
      await authorize(request, reply, deps, access);
    }
  });
}

/** A key or a session, the workspace, CSRF for the cookie, then the role's permission. */
async function authorize(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  access: ManagementAccess,
): Promise<void> {
  const secret = bearerSecret(request.headers.authorization ?? '');
  let principal: Principal;
  if (secret !== undefined) {
    principal = await keyPrincipal(request, deps, secret);
  } else {
    const found = await signedIn(
      request,
      reply,
      deps,
      'sign in, or send an API key as `Authorization: Bearer <key>`',
    );
    principal = userPrincipal(request, found.session);
    checkCsrf(request, found.session.csrfToken);
    request.signedIn = found;
  }
  request.principal = principal;
  request.workspaceId = principal.workspaceId;
  const who = principal.kind === 'user' ? 'your role' : "this key's role";
  if (!can(principal.role, access.permission))
    throw new ApiError(
      'forbidden',
      `${who} (${principal.role}) may not ${PERMISSION_WORDS[access.permission]}`,
      { role: principal.role, permission: access.permission },
    );
  if (access.leadParam && ownLeadsOnly(principal.role, access.permission)) {
    const leadId = (request.params as Record<string, string | undefined>)[access.leadParam] ?? '';
    // A key acts for no one: it owns no lead.
    const email = principal.kind === 'user' ? principal.email : '';
    const owned = await leadOwnership(deps.store, principal.workspaceId, leadId, email);
    // An unknown lead is answered by the route, as for any role (404).
    if (owned === 'other')
      throw new ApiError(
        'forbidden',
        `${who} (${principal.role}) may ${PERMISSION_WORDS[access.permission]} only for the leads it owns: lead "${leadId}" is not yours`,
        { role: principal.role, permission: access.permission, leadId },
      );
  }
}
