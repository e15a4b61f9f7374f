// API keys over the management API: listed without their hash, the secret shown only in the
// answer that issues it, and what revoking answers.
import { z } from 'zod';
import { ROLES } from '../../store/team-records.js';
import { isoTime } from './iso-time.js';

const kind = z
  .enum(['api', 'write'])
  .describe('api: the management API with its role; write: ingestion only (safe in a browser)');
const role = z
  .enum(ROLES)
  .nullable()
  .describe('What an api key may do, as a user of that role may; null for a write key');
const name = z.string().nullable().describe('A name to tell keys apart');

export const apiKeyListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        kind,
        role,
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
  .object({
    kind: z
      .enum(['api', 'write', 'admin'])
      .describe(
        'api (a role required), write, or admin: an api key of role owner unless given one',
      ),
    role: z.enum(ROLES).optional().describe('Required for an api key; none for a write key'),
    name: z.string().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'api' && body.role === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: `required for an api key: one of ${ROLES.join(', ')}`,
      });
    if (body.kind === 'write' && body.role !== undefined)
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'a write key has no role' });
  });

export const issuedApiKeySchema = z
  .object({
    id: z.string(),
    kind,
    role,
    name,
    key: z.string().describe('The secret: shown only here'),
  })
  .describe('The new key, with its secret (store it now: it is never shown again)');

export const revokedApiKeySchema = z
  .object({ id: z.string(), revokedAt: isoTime })
  .describe('Revoked: every server sharing the database refuses the key within a second');

export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
export type ApiKeyView = ApiKeyList['items'][number];
export type IssuedApiKey = z.infer<typeof issuedApiKeySchema>;
