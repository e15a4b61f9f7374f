// Reading leads over the management API: one lead explained, its score history.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leadView } from '../../service/leads/lead-view.js';
import { requireAdminKey } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';

const idParams = z.object({ id: z.string().min(1).describe('The lead id: the Segment userId') });

export async function leadRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireAdminKey(app, deps.store);
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/leads/:id',
    {
      schema: {
        tags: ['leads'],
        summary: 'A lead with its score as of now and every contribution',
        params: idParams,
      },
    },
    async (request) => {
      const view = await leadView(
        deps.store,
        deps.models,
        request.workspaceId,
        request.params.id,
        deps.clock(),
      );
      if (!view) throw new ApiError('not_found', `no lead "${request.params.id}"`);
      return view;
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
      },
    },
    async (request) => {
      const ws = request.workspaceId;
      if (!(await deps.store.getLead(ws, request.params.id)))
        throw new ApiError('not_found', `no lead "${request.params.id}"`);
      const entries = await deps.store.listHistory(ws, request.params.id, {
        limit: request.query.limit,
      });
      return { items: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
    },
  );
}
