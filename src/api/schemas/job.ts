// A background job as the API answers it (the store's record, times in ISO-8601), and what
// starting one by activating a model version answers.
import { z } from 'zod';
import { jobSchema } from '../../store/records.js';
import { isoTime } from './iso-time.js';

export const jobViewSchema = jobSchema
  .extend({
    kind: z.string().describe('What the job does, e.g. `activate-model`'),
    progress: z.number().int().describe('Items done'),
    total: z.number().int().describe('Items to do, once known'),
    error: z.string().nullable().describe('Why it failed'),
    createdAt: isoTime,
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
  })
  .meta({ id: 'Job', description: 'A background job and its progress' });

export type JobView = z.infer<typeof jobViewSchema>;

export const activationSchema = z
  .object({ jobId: z.string(), job: jobViewSchema })
  .describe('Accepted: the rescore job runs in the background (follow it at /v1/jobs/{id})');

export const jobStartedSchema = z
  .object({ jobId: z.string(), job: jobViewSchema })
  .describe('Accepted: the job runs in the background (follow it at /v1/jobs/{id})');

export const jobWithResultSchema = jobViewSchema
  .extend({
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'What a finished job found or did (a backtest report, an analytics report, an import’s counts and first rejects: ImportResult)',
      ),
  })
  .meta({ id: 'JobWithResult', description: 'A background job, its progress and its result' });

export type JobStarted = z.infer<typeof jobStartedSchema>;
export type JobWithResult = z.infer<typeof jobWithResultSchema>;
