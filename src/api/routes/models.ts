// Scoring models over the management API: upload a version (JSON or YAML), list and read
// versions, activate one (a background rescore job), and follow jobs.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseModelWithLines, validateModel } from '../../core/parse-model.js';
import { jobWithResult } from '../../service/jobs/job-with-result.js';
import { startActivation } from '../../service/models/activation.js';
import { addModelVersion } from '../../service/models/add-model-version.js';
import { diffModelVersions } from '../../service/models/model-version-diff.js';
import {
  getModelVersion,
  listModelVersions,
  type ModelVersionSummary,
} from '../../service/models/model-versions.js';
import { actorName } from '../../service/auth/principal.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { bodyText, MAX_BODY_BYTES, modelTextProblem } from '../json-body.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import { activationSchema, jobWithResultSchema } from '../schemas/job.js';
import { jobView } from './job-view.js';
import {
  modelDiffSchema,
  modelListSchema,
  modelNoteQuerySchema,
  modelUploadSchema,
  modelVersionSchema,
} from '../schemas/model.js';

const versionParams = z.object({ version: z.coerce.number().int().positive() });
const iso = (ms: number) => new Date(ms).toISOString();

/** A version with its times as ISO 8601 text. */
function versionView<T extends ModelVersionSummary>(m: T) {
  return {
    ...m,
    createdAt: iso(m.createdAt),
    activePeriods: m.activePeriods.map((p) => ({
      from: iso(p.from),
      to: p.to === null ? null : iso(p.to),
    })),
    lastActiveAt: m.lastActiveAt === null ? null : iso(m.lastActiveAt),
  };
}

export async function modelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // YAML arrives as text (checked once parsed, in the handler); JSON goes through the app's
  // parser (../json-body.ts).
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
    (_request, body, done) => done(null, bodyText(body as Buffer)),
  );
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/models',
    {
      schema: {
        tags: ['models'],
        summary:
          'Upload a model (JSON, or YAML with Content-Type: application/yaml) as a new version',
        querystring: modelNoteQuerySchema,
        response: { 201: modelUploadSchema, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const source = 'request body';
      const { note } = request.query;
      const principal = request.principal;
      const { model, lineOf } =
        typeof request.body === 'string'
          ? parseModelWithLines(request.body, source, modelTextProblem)
          : { model: validateModel(request.body, source), lineOf: undefined };
      const added = await addModelVersion(
        deps.store,
        request.workspaceId,
        model,
        deps.clock(),
        { source, lineOf },
        {
          note: note === undefined || note.trim() === '' ? null : note.trim(),
          author: principal ? actorName(principal) : null,
        },
      );
      return reply.code(201).send(added);
    },
  );

  typed.get(
    '/v1/models',
    {
      schema: {
        tags: ['models'],
        summary: 'Model versions, oldest first',
        response: { 200: modelListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { active, items } = await listModelVersions(deps.store, request.workspaceId);
      return { active, items: items.map(versionView) };
    },
  );

  typed.get(
    '/v1/models/:version',
    {
      schema: {
        tags: ['models'],
        summary: 'One model version',
        params: versionParams,
        response: { 200: modelVersionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const model = await getModelVersion(deps.store, request.workspaceId, request.params.version);
      const { lastWhatIf, ...rest } = model;
      return {
        ...versionView(rest),
        lastWhatIf: lastWhatIf && { at: iso(lastWhatIf.at), result: lastWhatIf.result },
      };
    },
  );

  typed.get(
    '/v1/models/:version/diff',
    {
      schema: {
        tags: ['models'],
        summary: 'What changed from version `against` to this one, by id',
        params: versionParams,
        querystring: z.object({ against: z.coerce.number().int().positive() }),
        response: { 200: modelDiffSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { version } = request.params;
      const { against } = request.query;
      const changes = await diffModelVersions(deps.store, request.workspaceId, version, against);
      return { version, against, changes };
    },
  );

  typed.post(
    '/v1/models/:version/activate',
    {
      schema: {
        tags: ['models'],
        summary:
          'Activate a version: rescores every lead in the background (an older version is the rollback)',
        params: versionParams,
        response: { 202: activationSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      auditTarget(request, `model:${request.params.version}`);
      const { job } = await startActivation(
        deps.store,
        deps.models,
        request.workspaceId,
        request.params.version,
        deps.clock,
      );
      return reply.code(202).send({ jobId: job.id, job: jobView(job) });
    },
  );

  typed.get(
    '/v1/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A background job and its progress',
        params: z.object({ id: z.string().min(1) }),
        response: {
          200: jsonResponse('The job, with its result once it has one', jobWithResultSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { job, result } = await jobWithResult(
        deps.store,
        request.workspaceId,
        request.params.id,
      );
      return { ...jobView(job), result };
    },
  );
}
