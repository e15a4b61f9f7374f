// The workspace's transitions feed over the management API: which leads changed segment, grade
// or stage, newest recorded first, keyset-paginated.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { transitionFeed } from '../../service/transitions/transition-feed.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { transitionsPageSchema, transitionsQuerySchema } from '../schemas/transition.js';

export async function transitionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/transitions',
    {
      schema: {
        tags: ['leads'],
        summary: 'Changes of segment, grade or stage across the workspace, newest first',
        querystring: transitionsQuerySchema,
        response: { 200: transitionsPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      transitionFeed(deps.store, request.workspaceId, {
        limit: request.query.limit,
        cursor: request.query.before,
        field: 'querystring.before',
      }),
  );
}
