// Who is calling an ingestion route: a write key (HTTP Basic, as Segment SDKs send it), or an api
// key of a role that may write leads; never a session cookie. The request is then bound to the
// key's workspace. The management API's gate is access.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../service/auth/permissions.js';
import { keyCacheOf } from '../service/key-cache.js';
import type { Store } from '../store/port.js';
import { bearerSecret } from './access-principal.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Also take the write key from the JSON body's `writeKey` (analytics.js does). */
    writeKeyInBody?: boolean;
  }
}

/** The secret of `Authorization: Basic base64(secret:)` (the write key is the user name). */
function basicSecret(header: string): string | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const user = decoded.split(':', 1)[0];
  return user === undefined || user === '' ? undefined : user;
}

/** A route that also takes the write key from the JSON body, as analytics.js sends it. */
export const WRITE_KEY_IN_BODY = { writeKeyInBody: true } as const;

function writeKeyInBody(request: FastifyRequest): boolean {
  return request.routeOptions.config?.writeKeyInBody === true;
}

/** The `writeKey` of a raw JSON body; undefined when there is none to be found. */
function bodyWriteKey(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const key = (parsed as { writeKey?: unknown } | null)?.writeKey;
    return typeof key === 'string' && key !== '' ? key : undefined;
  } catch {
    // Not JSON: the route itself answers what is wrong with the body.
    return undefined;
  }
}

/**
 * Ingestion: a write key, or an api key whose role may change leads (owner, marketer). Routes marked
 * WRITE_KEY_IN_BODY also accept the key as the body's `writeKey` when no header carries one;
 * that is checked once the body is read (preValidation), still before the rate limit.
 */
export function requireWriteKey(app: FastifyInstance, store: Store): void {
  const keys = keyCacheOf(store);
  const bind = async (request: FastifyRequest, secret: string) => {
    const key = await keys.find(secret);
    if (!key) throw new ApiError('unauthorized', 'unknown or revoked key');
    const role = key.kind === 'admin' ? (key.role ?? 'owner') : null;
    if (role !== null && !can(role, 'leads.write'))
      throw new ApiError(
        'forbidden',
        `this key's role (${role}) may not send events: use a write key, or an api key of role owner or marketer`,
        { role },
      );
    request.workspaceId = key.workspaceId;
    request.apiKey = key;
  };
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization ?? '';
    const secret = basicSecret(header) ?? bearerSecret(header);
    if (secret) return bind(request, secret);
    if (writeKeyInBody(request)) return;
    throw new ApiError('unauthorized', 'send the write key as the user name of HTTP Basic auth');
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.method === 'OPTIONS' || request.apiKey || !writeKeyInBody(request)) return;
    const secret = bodyWriteKey(request.body);
    if (!secret)
      throw new ApiError(
        'unauthorized',
        "send the write key as the body's `writeKey` or as the user name of HTTP Basic auth",
      );
    await bind(request, secret);
  });
}
