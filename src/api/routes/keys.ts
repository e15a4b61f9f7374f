// The workspace's API keys over the management API: list them with their kind and role (never a
// hash), issue one (its secret answered once), revoke one, unless it is the last live api key.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { revokeKey } from '../../service/key-revocation.js';
import { issueKey, listKeys } from '../../service/keys.js';
import type { ApiKey } from '../../store/port.js';
import type { Role } from '../../store/team-records.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import {
  apiKeyListSchema,
  issuedApiKeySchema,
  newApiKeySchema,
  revokedApiKeySchema,
} from '../schemas/api-key.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored 'admin' key is an api key with its role (owner for those made before roles). */
function kindOf(key: ApiKey): { kind: 'api' | 'write'; role: Role | null } {
  return key.kind === 'admin'
    ? { kind: 'api', role: key.role ?? 'owner' }
    : { kind: 'write', role: null };
}

export async function keyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'The API keys of the workspace (never their secrets)',
        response: { 200: apiKeyListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const keys = await listKeys(deps.store, request.workspaceId);
      return {
        items: keys.map((k) => ({
          id: k.id,
          ...kindOf(k),
          name: k.label,
          createdAt: iso(k.createdAt),
          revokedAt: k.revokedAt === null ? null : iso(k.revokedAt),
          prefix: k.prefix,
        })),
      };
    },
  );

  typed.post(
    '/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Issue a key; its secret is answered this once',
        body: newApiKeySchema,
        response: { 201: issuedApiKeySchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const { kind, role, name } = request.body;
      const stored = kind === 'write' ? 'write' : 'admin';
      const { key, secret } = await issueKey(
        deps.store,
        request.workspaceId,
        stored,
        deps.clock(),
        undefined,
        name ?? null,
        stored === 'admin' ? (role ?? 'owner') : null,
      );
      return reply.code(201).send({ id: key.id, ...kindOf(key), name: key.label, key: secret });
    },
  );

  typed.delete(
    '/v1/keys/:id',
    {
      schema: {
        tags: ['keys'],
        summary:
          'Revoke a key: refused within a second on every server (a revoked key answers as it is)',
        params: z.object({ id: z.string().min(1).describe('The key id') }),
        response: {
          200: revokedApiKeySchema,
          ...errorResponses(400, 401, 403, 404),
          409: jsonResponse(
            'The last live admin key of the workspace, which would lock it out of this API',
            apiErrorSchema,
          ),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      auditTarget(request, `key:${id}`);
      const outcome = await revokeKey(deps.store, request.workspaceId, id, deps.clock());
      if (outcome.status === 'not_found') throw new ApiError('not_found', `no key "${id}"`);
      if (outcome.status === 'last_admin') {
        throw new ApiError(
          'conflict',
          `key "${id}" is the last live admin key of the workspace: issue another admin key before revoking it`,
          { id, reason: 'last_admin_key' },
        );
      }
      return { id, revokedAt: iso(outcome.revokedAt) };
    },
  );
}
