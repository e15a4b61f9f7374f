// What starting a backtest takes: the candidate (a stored version, or a draft as a model object
// or as YAML text) and, optionally, the sales capacity to plan a threshold for.
import { z } from 'zod';

export const backtestRequestSchema = z
  .object({
    version: z.number().int().positive().optional().describe('A stored model version'),
    spec: z.record(z.string(), z.unknown()).optional().describe('A draft model, as JSON'),
    yaml: z.string().min(1).optional().describe('A draft model, as YAML text'),
    predictiveVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('A trained predictive version: judged on the leads its training held out'),
    capacityPerWeek: z
      .number()
      .positive()
      .optional()
      .describe('Leads a week sales can take: plans the threshold that fills it'),
    weeks: z
      .number()
      .int()
      .min(1)
      .max(104)
      .optional()
      .describe('Recent weeks the weekly flow is measured over (default 12)'),
  })
  .strict()
  .describe('Exactly one of version, spec, yaml or predictiveVersion');

/** The result of a backtest job (`GET /v1/jobs/{id}`), as the service's schema defines it. */
export type { BacktestResult } from '../../service/backtest/backtest-result.js';
