// A lead's events over the management API, newest first, keyset-paginated.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leadEventsPage } from '../../service/leads/lead-events.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { leadEventsPageSchema, leadEventsQuerySchema } from '../schemas/lead-events.js';

const idParams = z.object({ id: z.string().min(1).describe('The lead id: the Segment userId') });

export async function leadEventRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/leads/:id/events',
    {
      schema: {
        tags: ['leads'],
        summary: "The lead's events, newest first, with cursor pagination",
        params: idParams,
        querystring: leadEventsQuerySchema,
        response: { 200: leadEventsPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      leadEventsPage(deps.store, request.workspaceId, request.params.id, {
        limit: request.query.limit,
        cursor: request.query.before,
        field: 'querystring.before',
      }),
  );
}
