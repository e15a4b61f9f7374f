// The workspace's transitions feed over the management API: which leads changed segment, grade
// or stage, newest recorded first, keyset-paginated.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdminKey } from '../auth.js';
import { decodeCursor, pageOf } from '../cursor.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { transitionsPageSchema, transitionsQuerySchema } from '../schemas/transition.js';

const positionSchema = z.object({ id: z.number().int() });

export async function transitionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireAdminKey(app, deps.store);
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
    async (request) => {
      const { limit, before } = request.query;
      const position = decodeCursor(positionSchema, before, 'querystring.before');
      const rows = await deps.store.listTransitions(request.workspaceId, {
        limit: limit + 1,
        before: position?.id,
      });
      const page = pageOf(rows, limit, (t) => ({ id: t.id }));
      return {
        items: page.rows.map(({ id: _id, at, ...t }) => ({ ...t, at: new Date(at).toISOString() })),
        next: page.next,
      };
    },
  );
}
