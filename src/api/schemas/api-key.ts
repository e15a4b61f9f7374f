// API keys over the management API: listed without their hash, the secret shown only in the
// answer that issues it, and what revoking answers.
import { z } from 'zod';
import { API_KEY_KINDS } from '../../store/records.js';
import { isoTime } from './iso-time.js';

const kind = z
  .enum(API_KEY_KINDS)
  .describe('admin: the management API; write: ingestion only (safe in a browser)');
const name = z.string().nullable().describe('A name to tell keys apart');

export const apiKeyListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind,
        name,
        createdAt: isoTime,
        revokedAt: isoTime.nullable(),
        prefix: z
          .string()
          .describe('The kind marker and the first 4 characters of the secret (all that is kept)'),
      }),
    ),
  })
  .describe('Every key of the workspace, revoked ones included, oldest first');

export const newApiKeySchema = z
  .object({ kind, name: z.string().min(1).max(200).optional() })
  .strict();

export const issuedApiKeySchema = z
  .object({ id: z.string(), kind, name, key: z.string().describe('The secret: shown only here') })
  .describe('The new key, with its secret (store it now: it is never shown again)');

export const revokedApiKeySchema = z
  .object({ id: z.string(), revokedAt: isoTime })
  .describe('Revoked: every server sharing the database refuses the key within a second');

export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
export type ApiKeyView = ApiKeyList['items'][number];
export type IssuedApiKey = z.infer<typeof issuedApiKeySchema>;
