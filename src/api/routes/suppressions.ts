// Erasure suppressions over the management API: the ids whose calls ingestion refuses since their
// lead was erased, newest first, and lifting one so that calls for it are accepted again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { textProblem } from '../../ingest/json-safety.js';
import type { Suppression } from '../../store/port.js';
import { requireAdminKey } from '../auth.js';
import { decodeCursor, pageOf } from '../cursor.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  suppressionsPageSchema,
  suppressionsQuerySchema,
  suppressionViewSchema,
  type SuppressionView,
} from '../schemas/suppression.js';

/** An id as given in a path or a cursor: text every store can hold (PostgreSQL refuses NUL). */
const storableId = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const positionSchema = z.object({ createdAt: z.number(), id: storableId });

const iso = (ms: number) => new Date(ms).toISOString();

const viewOf = (s: Suppression): SuppressionView => ({
  ...s,
  createdAt: iso(s.createdAt),
  lastRefusedAt: s.lastRefusedAt === null ? null : iso(s.lastRefusedAt),
});

export async function suppressionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireAdminKey(app, deps.store);
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
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(positionSchema, cursor, 'querystring.cursor');
      const rows = await deps.store.listSuppressions(request.workspaceId, {
        limit: limit + 1,
        after,
      });
      const page = pageOf(rows, limit, (s) => ({ createdAt: s.createdAt, id: s.id }));
      return { items: page.rows.map(viewOf), next: page.next };
    },
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
      const { id } = request.params;
      const lifted = await deps.store.liftSuppression(request.workspaceId, id);
      if (!lifted) throw new ApiError('not_found', `no suppression "${id}"`);
      return viewOf(lifted);
    },
  );
}
