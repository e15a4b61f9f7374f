// Who is calling: a write key (HTTP Basic, as Segment SDKs send it) for ingestion, an admin key
// (Bearer) for the management API. Either way the request is then bound to its workspace.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { keyCacheOf } from '../service/key-cache.js';
import type { ApiKey, Store } from '../store/port.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Also take the write key from the JSON body's `writeKey` (analytics.js does). */
    writeKeyInBody?: boolean;
  }
  interface FastifyRequest {
    workspaceId: string;
    /** The key that authenticated the request. */
    apiKey: ApiKey | null;
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

function bearerSecret(header: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
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
 * Ingestion: a write key, or an admin key (it may do anything a write key may). Routes marked
 * WRITE_KEY_IN_BODY also accept the key as the body's `writeKey` when no header carries one;
 * that is checked once the body is read (preValidation), still before the rate limit.
 */
export function requireWriteKey(app: FastifyInstance, store: Store): void {
  app.decorateRequest('workspaceId', '');
  app.decorateRequest('apiKey', null);
  const keys = keyCacheOf(store);
  const bind = async (request: FastifyRequest, secret: string) => {
    const key = await keys.find(secret);
    if (!key) throw new ApiError('unauthorized', 'unknown or revoked key');
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

/** Management: an admin key only; a write key is refused (it ends up in browsers). */
export function requireAdminKey(app: FastifyInstance, store: Store): void {
  app.decorateRequest('workspaceId', '');
  const keys = keyCacheOf(store);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const secret = bearerSecret(request.headers.authorization ?? '');
    if (!secret)
      throw new ApiError('unauthorized', 'send the admin key as `Authorization: Bearer <key>`');
    const key = await keys.find(secret);
    if (!key) throw new ApiError('unauthorized', 'unknown or revoked key');
    if (key.kind !== 'admin')
      throw new ApiError('forbidden', 'a write key cannot use the management API');
    request.workspaceId = key.workspaceId;
  });
}
