// Reading leads over the management API: one lead explained, its score history.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseLead, updateTraits } from '../../service/leads/lead-changes.js';
import { leadHistory } from '../../service/leads/lead-history.js';
import { listLeads } from '../../service/leads/lead-list.js';
import { leadDetails } from '../../service/leads/lead-details.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import { leadSchema, type LeadResponse } from '../schemas/lead.js';
import { leadErasureSchema } from '../schemas/lead-erasure.js';
import { leadHistorySchema } from '../schemas/lead-history.js';
import {
  leadListPageSchema,
  leadListQueryParamsSchema,
  type LeadListPage,
} from '../schemas/lead-list.js';

const idParams = z.object({ id: z.string().min(1).describe('The lead id: the Segment userId') });

export async function leadRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // service/leads types `stage` as a string; it is always one of STAGES, and the response
  // serializer checks it against the schema.
  const viewOf = async (ws: string, id: string): Promise<LeadResponse> =>
    (await leadDetails(deps.store, deps.models, ws, id, deps.clock())) as LeadResponse;

  typed.get(
    '/v1/leads/:id',
    {
      schema: {
        tags: ['leads'],
        summary: 'A lead with its score as of now and every contribution',
        params: idParams,
        response: {
          200: jsonResponse('The lead, scored as of now', leadSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => viewOf(request.workspaceId, request.params.id),
  );

  typed.get(
    '/v1/leads',
    {
      schema: {
        tags: ['leads'],
        summary: 'Leads, filtered and sorted, with cursor pagination',
        querystring: leadListQueryParamsSchema,
        response: { 200: leadListPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { sort, cursor, ...filters } = request.query;
      const query = {
        ...filters,
        sort: sort.replace('-', '') as 'score' | 'updatedAt',
        direction: sort.startsWith('-') ? ('desc' as const) : ('asc' as const),
        ...(cursor ? { after: cursor } : {}),
      };
      const page = await listLeads(
        deps.store,
        deps.models,
        request.workspaceId,
        query,
        deps.clock(),
      );
      return page as LeadListPage;
    },
  );

  typed.patch(
    '/v1/leads/:id',
    {
      schema: {
        tags: ['leads'],
        summary: 'Update traits (given keys overwrite, others stay); the score follows at once',
        params: idParams,
        body: z.object({ traits: z.record(z.string(), z.unknown()) }).strict(),
        response: {
          200: jsonResponse('The lead with its new traits, rescored', leadSchema),
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request) => {
      const ws = request.workspaceId;
      // The names of the traits changed, not their values.
      auditTarget(request, `lead:${request.params.id}`, {
        traits: Object.keys(request.body.traits).sort(),
      });
      const found = await updateTraits(
        deps.store,
        deps.models,
        ws,
        request.params.id,
        request.body.traits,
        deps.clock(),
      );
      if (!found) throw new ApiError('not_found', `no lead "${request.params.id}"`);
      // Erased since the update: a 404 too, not an empty answer.
      return viewOf(ws, request.params.id);
    },
  );

  typed.delete(
    '/v1/leads/:id',
    {
      schema: {
        tags: ['leads'],
        summary:
          'Erase a lead and everything about it; answers what was removed. Its id and anonymous ids are suppressed: later calls for them are refused',
        params: idParams,
        response: { 200: leadErasureSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      // The id only: the counts are added by the erasure, nothing about the person.
      auditTarget(request, `lead:${request.params.id}`);
      const erasure = await eraseLead(
        deps.store,
        deps.models,
        request.workspaceId,
        request.params.id,
        deps.clock(),
      );
      if (!erasure) throw new ApiError('not_found', `no lead "${request.params.id}"`);
      return { id: request.params.id, ...erasure };
    },
  );

  typed.get(
    '/v1/leads/:id/history',
    {
      schema: {
        tags: ['leads'],
        summary: 'Score history, newest first: every visible change with its cause',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: leadHistorySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      leadHistory(deps.store, request.workspaceId, request.params.id, request.query.limit),
  );
}
