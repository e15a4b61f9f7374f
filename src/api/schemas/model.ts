// Scoring model versions as the API answers them: an upload, the list, one version.
import { z } from 'zod';
import { isoTime } from './iso-time.js';

const version = z.number().int().positive();

export const modelUploadSchema = z
  .object({ version, name: z.string() })
  .describe('Created: the new version (it is not active until activated)');

export const modelListSchema = z
  .object({
    active: version.nullable().describe('The active version; null before any activation'),
    items: z.array(
      z.object({ version, name: z.string(), createdAt: isoTime, active: z.boolean() }),
    ),
  })
  .describe('Model versions, oldest first');

export const modelVersionSchema = z
  .object({
    version,
    spec: z.record(z.string(), z.unknown()).describe('The model as uploaded, normalised'),
    createdAt: isoTime,
    active: z.boolean(),
  })
  .describe('One model version');

export type ModelList = z.infer<typeof modelListSchema>;
export type ModelVersionView = z.infer<typeof modelVersionSchema>;
