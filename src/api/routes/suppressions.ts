// Erasure suppressions over the management API: the ids whose calls ingestion refuses since their
// lead was erased, newest first, and lifting one so that calls for it are accepted again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  liftSuppression,
  listSuppressions,
  storableId,
} from '../../service/suppressions/suppression-list.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  suppressionsPageSchema,
  suppressionsQuerySchema,
  suppressionViewSchema,
} from '../schemas/suppression.js';

export async function suppressionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/suppressions',
    {
      schema: {
        tags: ['leads'],
        summary: 'Ids suppressed by erasures (calls for them are refused), newest first',
        querystring: suppressionsQuerySchema,
        response: { 200: suppressionsPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      listSuppressions(deps.store, request.workspaceId, {
        limit: request.query.limit,
        cursor: request.query.cursor,
        field: 'querystring.cursor',
      }),
  );

  typed.delete(
    '/v1/suppressions/:id',
    {
      schema: {
        tags: ['leads'],
        summary: 'Lift a suppression: later calls for the id are accepted (a new lead is made)',
        params: z.object({ id: storableId.describe('The suppressed id') }),
        response: {
          200: jsonResponse('The suppression, now lifted', suppressionViewSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      auditTarget(request, `suppression:${request.params.id}`);
      return liftSuppression(deps.store, request.workspaceId, request.params.id);
    },
  );
}
