// Scheduled retraining over the API: the workspace's schedule and the record of its runs.
import { z } from 'zod';
import { RETRAINING_DECISIONS } from '../../service/predictive/retraining-schedule.js';
import { isoTime } from './iso-time.js';

export const scheduleRequestSchema = z
  .object({
    everyDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .nullable()
      .describe('Days between retraining runs; null turns retraining off'),
    rule: z
      .object({
        maxAucDrop: z
          .number()
          .min(0)
          .max(1)
          .describe('A challenger is activated when its ROC AUC >= the active one’s - maxAucDrop'),
      })
      .strict()
      .default({ maxAucDrop: 0 }),
  })
  .strict();

export const scheduleSchema = z.object({
  everyDays: z.number().int().nullable(),
  rule: z.object({ maxAucDrop: z.number() }),
  updatedAt: isoTime.nullable().describe('When it was last set; null when never (off)'),
});

export const retrainingRunsSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      at: isoTime,
      activeVersion: z.number().int().nullable(),
      challengerVersion: z.number().int().nullable(),
      activeAuc: z.number().nullable(),
      challengerAuc: z.number().nullable(),
      heldOut: z.number().int().describe('The held-out leads both were judged on'),
      decision: z.enum(RETRAINING_DECISIONS),
      reason: z.string(),
    }),
  ),
});

export type RetrainingSchedule = z.infer<typeof scheduleSchema>;
export type RetrainingRuns = z.infer<typeof retrainingRunsSchema>;
