// POST /v1/channels/{id}/backfill: writes every lead's current state to a sync channel once, as
// a background job (follow it at GET /v1/jobs/{id}: progress is the leads queued of the total).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotSyncChannel, startBackfill } from '../../service/channels/backfill.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import { jobStartedSchema } from '../schemas/job.js';
import { jobView } from './job-view.js';

const idParams = z.object({ id: z.string().min(1).describe('The channel id') });

export async function channelBackfillRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/v1/channels/:id/backfill',
    {
      schema: {
        tags: ['channels'],
        summary:
          "Write every lead's current state to a write-back channel once (a background job with progress)",
        params: idParams,
        response: { 202: jobStartedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      auditTarget(request, `channel:${id}`);
      try {
        const { job } = await startBackfill(deps.store, request.workspaceId, id, deps.clock, () =>
          deps.webhooks?.wake(),
        );
        return await reply.code(202).send({ jobId: job.id, job: jobView(job) });
      } catch (error) {
        if (error instanceof NotSyncChannel)
          throw new ApiError('invalid_request', `params.id: ${error.message}`, {
            field: 'params.id',
          });
        throw error;
      }
    },
  );
}
