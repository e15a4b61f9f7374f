// The workspace's background jobs over the management API: the most recent first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { JOB_STATUSES, type Job } from '../../store/records.js';
import { requireAdminKey } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import type { JobView } from '../schemas/job.js';
import { jobListQuerySchema, jobListSchema } from '../schemas/job-list.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

const jobView = (job: Job): JobView => ({
  ...job,
  createdAt: iso(job.createdAt),
  startedAt: isoOrNull(job.startedAt),
  finishedAt: isoOrNull(job.finishedAt),
});

export async function jobRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  requireAdminKey(app, deps.store);
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
      // A workspace runs few jobs (one per activation, backtest, training run): reading them all
      // and keeping the newest is cheaper than another store method per adapter.
      const jobs = await deps.store.listJobs(request.workspaceId, { status: JOB_STATUSES });
      return { items: jobs.reverse().slice(0, request.query.limit).map(jobView) };
    },
  );
}
