// Manual adjustments of a lead's score: listed, added with a reason (and an optional expiry),
// removed. The score, its history and any transitions follow at once.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addAdjustment,
  leadAdjustments,
  removeAdjustment,
} from '../../service/leads/lead-adjustments.js';
import { actorName } from '../../service/auth/principal.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  adjustmentBodySchema,
  adjustmentListSchema,
  adjustmentSchema,
  adjustmentView,
} from '../schemas/adjustment.js';

const idParams = z.object({ id: z.string().min(1).describe('The lead id: the Segment userId') });
const oneParams = idParams.extend({ adjustmentId: z.string().min(1) });

/** Who made it: a signed-in user's e-mail, else the API key's name. */
function authorOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) return 'unknown';
  return principal.kind === 'user' ? principal.email : actorName(principal);
}

const noLead = (id: string) => new ApiError('not_found', `no lead "${id}"`);

export async function adjustmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/leads/:id/adjustments',
    {
      schema: {
        tags: ['leads'],
        summary: 'The lead’s manual score adjustments, oldest first',
        params: idParams,
        response: {
          200: jsonResponse('The adjustments', adjustmentListSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const list = await leadAdjustments(deps.store, request.workspaceId, request.params.id);
      if (!list) throw noLead(request.params.id);
      return { adjustments: list.map(adjustmentView) };
    },
  );

  typed.post(
    '/v1/leads/:id/adjustments',
    {
      schema: {
        tags: ['leads'],
        summary:
          'Add points to the lead’s score by hand, with a reason and an optional expiry; the score follows at once',
        params: idParams,
        body: adjustmentBodySchema,
        response: {
          201: jsonResponse('The adjustment made', adjustmentSchema),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const now = deps.clock();
      const { points, reason, expiresAt } = request.body;
      const expires = expiresAt === undefined ? null : Date.parse(expiresAt);
      if (expires !== null && expires <= now)
        throw new ApiError('invalid_request', 'body.expiresAt: must be in the future', {
          field: 'body.expiresAt',
        });
      auditTarget(request, `lead:${request.params.id}`, { points, reason });
      const input = { points, reason, expiresAt: expires };
      const made = await addAdjustment(
        deps.store,
        deps.models,
        request.workspaceId,
        request.params.id,
        input,
        authorOf(request),
        now,
      );
      if (!made) throw noLead(request.params.id);
      deps.webhooks?.wake();
      return reply.code(201).send(adjustmentView(made));
    },
  );

  typed.delete(
    '/v1/leads/:id/adjustments/:adjustmentId',
    {
      schema: {
        tags: ['leads'],
        summary: 'Remove a manual adjustment; the score follows at once',
        params: oneParams,
        response: {
          200: jsonResponse('The adjustment removed', adjustmentSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { id, adjustmentId } = request.params;
      auditTarget(request, `lead:${id}`, { adjustment: adjustmentId });
      const now = deps.clock();
      const result = await removeAdjustment(
        deps.store,
        deps.models,
        request.workspaceId,
        id,
        adjustmentId,
        now,
      );
      if (!result.lead) throw noLead(id);
      if (!result.removed)
        throw new ApiError('not_found', `lead "${id}" has no adjustment "${adjustmentId}"`);
      deps.webhooks?.wake();
      return adjustmentView(result.removed);
    },
  );
}
