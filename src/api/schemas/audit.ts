// The audit trail as GET /v1/audit answers it: filters, one entry, a page.
import { z } from 'zod';
import { ACTOR_KINDS } from '../../store/team-records.js';
import { isoTime } from './iso-time.js';

const text = z.string().min(1).max(500);

export const auditQuerySchema = z.object({
  actor: text.optional().describe("The actor's e-mail, key name, user id or key id"),
  action: text.optional().describe('An action name, e.g. `model.activate`'),
  target: text.optional().describe('A target, e.g. `lead:u1`, `key:<id>`'),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after (inclusive)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries before (exclusive)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.string().min(1).optional().describe('The `next` of the previous page'),
});

export const auditEntryViewSchema = z
  .object({
    id: z.string(),
    at: isoTime,
    actorKind: z.enum(ACTOR_KINDS).describe('`user`, `key`, `cli` or `system`'),
    actorId: z.string().nullable().describe('The user id or key id; null for the CLI'),
    actorName: z.string().describe("The user's e-mail, the key's name, or `cli`"),
    ip: z.string().nullable().describe('The address the request came from'),
    action: z.string(),
    target: z.string().nullable(),
    summary: z
      .record(z.string(), z.unknown())
      .describe('A short before/after of the change; never secrets'),
  })
  .meta({ id: 'AuditEntry', description: 'One recorded management change' });

export const auditPageSchema = z
  .object({
    items: z.array(auditEntryViewSchema),
    next: z.string().nullable().describe('The cursor of the next page; null on the last one'),
  })
  .describe('Audit entries of the workspace, newest first');

export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;
