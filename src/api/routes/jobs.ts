// The workspace's background jobs over the management API: the most recent first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recentJobs } from '../../service/jobs/recent-jobs.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { jobListQuerySchema, jobListSchema } from '../schemas/job-list.js';
import { jobView } from './job-view.js';

export async function jobRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The most recent background jobs, newest first',
        querystring: jobListQuerySchema,
        response: { 200: jobListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const jobs = await recentJobs(deps.store, request.workspaceId, request.query.limit);
      return { items: jobs.map(jobView) };
    },
  );
}
