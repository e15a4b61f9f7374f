// The data catalog: what the workspace's leads, companies and events hold (read), and a refresh.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { catalogView, refreshCatalog } from '../../service/catalog/catalog-service.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { catalogSchema, type CatalogResponse } from '../schemas/catalog.js';
import { errorResponses } from '../schemas/error.js';
import { jobStartedSchema } from '../schemas/job.js';
import { jsonResponse } from '../schemas/json-response.js';
import { jobView } from './job-view.js';

export async function catalogRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/catalog',
    {
      schema: {
        tags: ['models'],
        summary:
          'What the data holds: trait and event property paths with types, coverage and frequent values; event counts (kept, refreshed in the background)',
        response: {
          200: jsonResponse('The catalog and how fresh it is', catalogSchema),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request): Promise<CatalogResponse> => {
      const view = await catalogView(deps.store, request.workspaceId, deps.clock);
      const c = view.catalog;
      return {
        asOf: c ? new Date(c.computedAt).toISOString() : null,
        source: view.source,
        maxAgeMinutes: view.maxAgeMs / 60_000,
        refreshJobId: view.refreshJob?.id ?? null,
        leads: c?.leads ?? 0,
        companies: c?.companies ?? 0,
        traits: c?.traits ?? [],
        traitsComplete: c?.traitsComplete ?? true,
        companyTraits: c?.companyTraits ?? [],
        companyTraitsComplete: c?.companyTraitsComplete ?? true,
        events: c?.events ?? [],
        eventsComplete: c?.eventsComplete ?? true,
      };
    },
  );

  typed.post(
    '/v1/catalog/refresh',
    {
      schema: {
        tags: ['models'],
        summary:
          'Recompute the catalog now (a background job; GET /v1/catalog answers the kept one meanwhile)',
        response: { 202: jobStartedSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      // Before the job's row is written: the entry goes in that transaction.
      auditTarget(request, 'catalog');
      const { job } = await refreshCatalog(deps.store, request.workspaceId, deps.clock);
      void reply.code(202);
      return { jobId: job.id, job: jobView(job) };
    },
  );
}
