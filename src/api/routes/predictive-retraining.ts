// Scheduled retraining of predictive models over the management API: the workspace's schedule
// (every so many days or off, and the rule a challenger must meet) and the runs recorded.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  getSchedule,
  listRetrainingRuns,
  putSchedule,
} from '../../service/predictive/retraining-schedule.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import {
  retrainingRunsSchema,
  scheduleRequestSchema,
  scheduleSchema,
} from '../schemas/retraining.js';

const iso = (ms: number) => new Date(ms).toISOString();

export async function predictiveRetrainingRoutes(
  app: FastifyInstance,
  deps: AppDeps,
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/predictive/schedule',
    {
      schema: {
        tags: ['predictive'],
        summary: 'The retraining schedule (off until set)',
        response: { 200: scheduleSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const schedule = await getSchedule(deps.store, request.workspaceId);
      return {
        ...schedule,
        updatedAt: schedule.updatedAt === null ? null : iso(schedule.updatedAt),
      };
    },
  );

  typed.put(
    '/v1/predictive/schedule',
    {
      schema: {
        tags: ['predictive'],
        summary:
          'Retrain the active predictive model every so many days (null: off); a challenger is activated only when its held-out ROC AUC is not below the active one’s by more than rule.maxAucDrop',
        body: scheduleRequestSchema,
        response: { 200: scheduleSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => {
      auditTarget(request, null, { after: request.body });
      const saved = await putSchedule(deps.store, request.workspaceId, request.body, deps.clock());
      return { ...saved, updatedAt: iso(saved.updatedAt) };
    },
  );

  typed.get(
    '/v1/predictive/retraining',
    {
      schema: {
        tags: ['predictive'],
        summary:
          'Retraining runs, newest first: the active and challenger versions, both ROC AUCs on the same held-out leads, and the decision',
        response: { 200: retrainingRunsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const runs = await listRetrainingRuns(deps.store, request.workspaceId);
      return { items: runs.map((r) => ({ ...r, at: iso(r.at) })) };
    },
  );
}
