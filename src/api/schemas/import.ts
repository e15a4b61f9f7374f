// Imports over the API: what starting one takes in its query (a streamed body names its kind),
// what it answers, the rejects download, the preview of a file, and the import job's result.
import { z } from 'zod';
import { IMPORT_KINDS } from '../../service/import/import-types.js';

/** A yes/no in a query or a form field. */
export const FLAG_VALUES = ['true', 'false', '1', '0'] as const;
const flag = z.enum(FLAG_VALUES);
/** A flag's value (one of FLAG_VALUES, checked where it was read) as a boolean. */
export const isSet = (value: string): boolean => value === 'true' || value === '1';

/** A file's name as the user knows it: shown in rejects (no path, no control characters). */
export const uploadName = z
  .string()
  .min(1)
  .max(255)
  .regex(
    // Control characters are what the rule is for.
    // eslint-disable-next-line no-control-regex
    /^[^/\\\u0000-\u001f\u007f]+$/,
    'expected a file name without a path or control characters',
  );

export const importQuerySchema = z
  .object({
    kind: z
      .enum(IMPORT_KINDS)
      .optional()
      .describe('The kind of the file sent as the body (required unless the body is multipart)'),
    name: uploadName
      .optional()
      .describe('The name rejects give the file sent as the body (default: the kind)'),
    dryRun: flag.optional().describe('Read, map and check everything; write nothing'),
    quiet: flag
      .optional()
      .describe('Fire no segment actions, hand-overs or webhooks for the changes it makes'),
  })
  .strict();

export const previewQuerySchema = z
  .object({
    kind: z
      .enum(IMPORT_KINDS)
      .optional()
      .describe('The kind of the file sent as the body (required unless the body is multipart)'),
    name: uploadName.optional().describe('The name problems give the file sent as the body'),
  })
  .strict();

export const rejectsQuerySchema = z
  .object({
    format: z.enum(['csv', 'ndjson']).default('csv').describe('CSV (default) or NDJSON'),
  })
  .strict();

export const importJobParams = z.object({ id: z.string().min(1).describe('The import job id') });

/** What an import job's result is (`GET /v1/jobs/{id}` once it has ended), as the service defines it. */
export type { ImportReject, ImportResult } from '../../service/import/import-types.js';
/** The answer of POST /v1/imports/preview. */
export type { ImportPreview } from '../../service/import/preview.js';
