// Backtests over the management API: try a model (stored or draft) against the stored history
// in a background job; the job's result is the report.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadCandidate, type CandidateSource } from '../../service/backtest/candidate.js';
import { startBacktest } from '../../service/backtest/start-backtest.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { modelTextProblem } from '../json-body.js';
import { backtestRequestSchema } from '../schemas/backtest.js';
import { errorResponses } from '../schemas/error.js';
import { jobStartedSchema } from '../schemas/job.js';
import { jobView } from './job-view.js';

export async function backtestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/models/backtest',
    {
      schema: {
        tags: ['models'],
        summary:
          'Backtest a model before publishing it: segment moves, ranking of known outcomes against the active model, a capacity threshold (a background job; the report is its result)',
        body: backtestRequestSchema,
        response: { 202: jobStartedSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { version, spec, yaml, predictiveVersion, capacityPerWeek, weeks } = request.body;
      const given = [version, spec, yaml, predictiveVersion].filter((v) => v !== undefined).length;
      if (given !== 1)
        throw new ApiError(
          'invalid_request',
          'request body: give exactly one of `version`, `spec`, `yaml` or `predictiveVersion`',
        );
      const source: CandidateSource =
        version !== undefined
          ? { version }
          : yaml !== undefined
            ? { yaml }
            : predictiveVersion !== undefined
              ? { predictiveVersion }
              : { spec };
      const ws = request.workspaceId;
      const candidate = await loadCandidate(
        deps.store,
        deps.models,
        ws,
        source,
        'request body',
        modelTextProblem,
      );
      const { job } = await startBacktest(
        deps.store,
        deps.models,
        ws,
        candidate,
        {
          ...(capacityPerWeek === undefined ? {} : { capacityPerWeek }),
          ...(weeks === undefined ? {} : { weeks }),
        },
        deps.clock,
      );
      return reply.code(202).send({ jobId: job.id, job: jobView(job) });
    },
  );
}
