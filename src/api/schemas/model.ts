// Scoring model versions as the API answers them: an upload, the list, one version.
import { z } from 'zod';
import { isoTime } from './iso-time.js';

const version = z.number().int().positive();

export const modelUploadSchema = z
  .object({ version, name: z.string() })
  .describe('Created: the new version (it is not active until activated)');

/** Most characters of a version's note. */
export const MAX_NOTE_CHARS = 2000;

export const modelNoteQuerySchema = z.object({
  note: z
    .string()
    .max(MAX_NOTE_CHARS)
    .optional()
    .describe('What changed and why (the model body stays the model itself)'),
});

const versionSummary = {
  version,
  name: z.string(),
  note: z.string().nullable().describe('What changed and why; null when saved without one'),
  author: z
    .string()
    .nullable()
    .describe("Who saved it: a user's e-mail or an API key's name; null for older versions"),
  createdAt: isoTime,
  active: z.boolean(),
  activePeriods: z
    .array(z.object({ from: isoTime, to: isoTime.nullable() }))
    .describe('When it was active, oldest first; `to` is null while it still is'),
  wasActive: z.boolean().describe('Active now or before: a version a rollback may go to'),
  lastActiveAt: isoTime.nullable().describe('When it last stopped being active'),
};

export const modelListSchema = z
  .object({
    active: version.nullable().describe('The active version; null before any activation'),
    items: z.array(z.object(versionSummary)),
  })
  .describe('Model versions, oldest first');

export const modelVersionSchema = z
  .object({
    ...versionSummary,
    spec: z.record(z.string(), z.unknown()).describe('The model as uploaded, normalised'),
    lastWhatIf: z
      .object({
        at: isoTime,
        result: z.record(z.string(), z.unknown()).describe('The backtest report'),
      })
      .nullable()
      .describe('The last what-if (backtest) run for this version; null before one ran'),
  })
  .describe('One model version');

export const modelDiffSchema = z
  .object({
    version,
    against: version,
    changes: z.array(
      z.object({
        kind: z.enum([
          'criterion',
          'rule',
          'segment',
          'grade',
          'account-criterion',
          'account-grade',
          'account-segment',
          'setting',
        ]),
        id: z.string().describe("The item's id, a grade's letter, or a setting's path"),
        change: z.enum(['added', 'removed', 'changed']),
        fields: z.array(z.string()).describe('The fields that differ'),
        before: z.unknown().optional().describe('The item in `against`; absent when added'),
        after: z.unknown().optional().describe('The item in `version`; absent when removed'),
      }),
    ),
  })
  .describe('What changed from version `against` to `version`, by id');

export type ModelList = z.infer<typeof modelListSchema>;
export type ModelDiff = z.infer<typeof modelDiffSchema>;
export type ModelVersionView = z.infer<typeof modelVersionSchema>;
