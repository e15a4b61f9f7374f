// Conversion analytics and predictive scoring over the management API: both run as background
// jobs over the stored leads and outcomes; trained models are versions one of which can be
// active, its probability then shown beside each lead's score.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startAnalytics } from '../../service/analytics/start-analytics.js';
import { startSuggest } from '../../service/analytics/start-suggest.js';
import {
  activatePredictiveVersion,
  deactivatePredictive,
} from '../../service/predictive/predictive-activation.js';
import { predictiveDrift } from '../../service/predictive/predictive-drift.js';
import {
  getPredictiveVersion,
  listPredictiveVersions,
} from '../../service/predictive/predictive-versions.js';
import { startTraining } from '../../service/predictive/start-training.js';
import type { Job } from '../../store/port.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jobStartedSchema } from '../schemas/job.js';
import { jsonResponse } from '../schemas/json-response.js';
import { driftQuerySchema, predictiveDriftSchema } from '../schemas/predictive-drift.js';
import {
  activateRequestSchema,
  analyticsRequestSchema,
  predictiveActiveSchema,
  predictiveListSchema,
  predictiveVersionSchema,
  suggestRequestSchema,
  trainRequestSchema,
} from '../schemas/predictive.js';
import { jobView } from './job-view.js';

const versionParams = z.object({ version: z.coerce.number().int().positive() });
const iso = (ms: number) => new Date(ms).toISOString();

export async function predictiveRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  /** A POST that starts a background job over the stored leads and answers 202 with it. */
  const jobRoute = <Body extends z.ZodType>(
    path: string,
    tag: string,
    summary: string,
    body: Body,
    start: (ws: string, body: z.infer<Body>) => Promise<{ job: Job }>,
  ) =>
    typed.post(
      path,
      {
        schema: {
          tags: [tag],
          summary,
          body,
          response: { 202: jobStartedSchema, ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        // Only training changes state (the access table audits it alone): what it was asked for.
        auditTarget(request, null, { request: request.body as Record<string, unknown> });
        const { job } = await start(request.workspaceId, request.body as z.infer<Body>);
        return reply.code(202).send({ jobId: job.id, job: jobView(job) });
      },
    );

  jobRoute(
    '/v1/analytics',
    'analytics',
    'Conversion analytics over the stored leads with known outcomes: by attribute, behaviour and channel (a background job; the report is its result)',
    analyticsRequestSchema,
    (ws, body) => startAnalytics(deps.store, deps.models, ws, body, deps.clock),
  );
  jobRoute(
    '/v1/suggest',
    'analytics',
    'Suggested points from the stored outcomes: fit criteria and behaviour rules as a model file, measured on held-out leads next to the active model (a background job)',
    suggestRequestSchema,
    (ws, body) => startSuggest(deps.store, deps.models, ws, body, deps.clock),
  );
  jobRoute(
    '/v1/predictive/train',
    'predictive',
    'Train a predictive model on the stored leads with known outcomes (a background job; stores a new version, not active)',
    trainRequestSchema,
    (ws, body) => startTraining(deps.store, deps.models, ws, body.kind, deps.clock),
  );

  typed.get(
    '/v1/predictive/models',
    {
      schema: {
        tags: ['predictive'],
        summary: 'Trained predictive model versions, oldest first',
        response: { 200: predictiveListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { active, items } = await listPredictiveVersions(deps.store, request.workspaceId);
      return { active, items: items.map((m) => ({ ...m, createdAt: iso(m.createdAt) })) };
    },
  );

  typed.get(
    '/v1/predictive/models/:version',
    {
      schema: {
        tags: ['predictive'],
        summary: 'One predictive model version with its training report',
        params: versionParams,
        response: { 200: predictiveVersionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const model = await getPredictiveVersion(
        deps.store,
        request.workspaceId,
        request.params.version,
      );
      return { ...model, createdAt: iso(model.createdAt) };
    },
  );

  typed.post(
    '/v1/predictive/models/:version/activate',
    {
      schema: {
        tags: ['predictive'],
        summary:
          'Show this version’s probability beside every lead’s score (a version graded poor only with { override: true })',
        params: versionParams,
        body: activateRequestSchema.nullish(),
        response: {
          200: predictiveActiveSchema,
          ...errorResponses(400, 401, 403, 404),
          409: jsonResponse(
            'The version is graded poor (the message says why): send { "override": true } to activate it anyway',
            apiErrorSchema,
          ),
        },
      },
    },
    async (request) => {
      const { version } = request.params;
      const override = request.body?.override === true;
      auditTarget(request, `predictive:${version}`, {
        after: { active: version, ...(override && { override }) },
      });
      await activatePredictiveVersion(deps.store, request.workspaceId, version, override);
      return { active: version };
    },
  );

  typed.post(
    '/v1/predictive/deactivate',
    {
      schema: {
        tags: ['predictive'],
        summary: 'Stop showing a predictive probability',
        response: { 200: predictiveActiveSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      auditTarget(request, null, { after: { active: null } });
      await deactivatePredictive(deps.store, request.workspaceId);
      return { active: null };
    },
  );

  typed.get(
    '/v1/predictive/drift',
    {
      schema: {
        tags: ['predictive'],
        summary:
          'Population stability index of the predicted probability and the top columns, training time against the leads now (a warning above 0.2)',
        querystring: driftQuerySchema,
        response: { 200: predictiveDriftSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      predictiveDrift(
        deps.store,
        deps.models,
        request.workspaceId,
        request.query.version,
        deps.clock(),
      ),
  );
}
