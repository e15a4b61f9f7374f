// Reports over the management API: the hand-over report (is "ready for sales" really ready?),
// the score distribution and the conversion funnel (aggregated in the database).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { handoverReportOf } from '../../service/lifecycle/handover-report.js';
import { funnelReport } from '../../service/reports/funnel.js';
import { scoreDistributionReport } from '../../service/reports/score-distribution.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import {
  distributionQuerySchema,
  distributionSchema,
  funnelSchema,
} from '../schemas/dashboard-reports.js';
import { errorResponses } from '../schemas/error.js';
import { handoverReportQuerySchema, handoverReportSchema } from '../schemas/lifecycle-report.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

export async function reportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/reports/handover',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Per qualified segment: leads handed to sales, accepted, rejected (by reason), converted, and hours to acceptance',
        querystring: handoverReportQuerySchema,
        response: { 200: handoverReportSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const to = request.query.to === undefined ? deps.clock() : Date.parse(request.query.to);
      const from =
        request.query.from === undefined
          ? to - DEFAULT_DAYS * DAY_MS
          : Date.parse(request.query.from);
      if (from >= to)
        throw new ApiError('invalid_request', 'querystring.from: expected a time before `to`', {
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
        });
      const segments = await handoverReportOf(deps.store, request.workspaceId, { from, to });
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), segments };
    },
  );
  typed.get(
    '/v1/reports/distribution',
    {
      schema: {
        tags: ['reports'],
        summary: 'Stored scores in bins and per segment, grade and stage, with segment thresholds',
        querystring: distributionQuerySchema,
        response: { 200: distributionSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      scoreDistributionReport(deps.store, deps.models, request.workspaceId, request.query.bins),
  );

  typed.get(
    '/v1/reports/funnel',
    {
      schema: {
        tags: ['reports'],
        summary: 'Leads and customers in all, per scoring stage and per segment',
        response: { 200: funnelSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => funnelReport(deps.store, deps.models, request.workspaceId),
  );
}
