// Who is calling: a write key (HTTP Basic, as Segment SDKs send it) for ingestion, an admin key
// (Bearer) for the management API. Either way the request is then bound to its workspace.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { keyCacheOf } from '../service/key-cache.js';
import type { ApiKey, Store } from '../store/port.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
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

/** Ingestion: a write key, or an admin key (it may do anything a write key may). */
export function requireWriteKey(app: FastifyInstance, store: Store): void {
  app.decorateRequest('workspaceId', '');
  app.decorateRequest('apiKey', null);
  const keys = keyCacheOf(store);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization ?? '';
    const secret = basicSecret(header) ?? bearerSecret(header);
    if (!secret)
      throw new ApiError('unauthorized', 'send the write key as the user name of HTTP Basic auth');
    const key = await keys.find(secret);
    if (!key) throw new ApiError('unauthorized', 'unknown or revoked key');
    request.workspaceId = key.workspaceId;
    request.apiKey = key;
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
