// The records the store keeps, as zod schemas: the one source of their TypeScript types.
import { z } from 'zod';
import { STAGES } from '../core/model-schema.js';
import { scoreStateSchema } from '../core/score-state.js';
import { roleSchema } from './team-records.js';

/** Epoch milliseconds, UTC. */
const millis = z.number();
const jsonObject = z.record(z.string(), z.unknown());

export const workspaceSchema = z.object({ id: z.string(), name: z.string(), createdAt: millis });

export const API_KEY_KINDS = ['admin', 'write'] as const;

export const newApiKeySchema = z.object({
  workspaceId: z.string(),
  kind: z.enum(API_KEY_KINDS),
  /** The service's hash of the secret; the store never sees the secret itself. */
  hash: z.string(),
  /** The first characters of the secret, shown so people can tell keys apart. */
  prefix: z.string(),
  label: z.string().nullable().optional(),
  rateLimitPerMinute: z.number().int().positive().nullable().optional(),
  /** What the key may do; admin keys default to owner, write keys (ingestion only) have none. */
  role: roleSchema.nullable().optional(),
  createdAt: millis,
});

export const apiKeySchema = newApiKeySchema.extend({
  id: z.string(),
  label: z.string().nullable(),
  rateLimitPerMinute: z.number().int().nullable(),
  role: roleSchema.nullable(),
  revokedAt: millis.nullable(),
});

export const leadSchema = z.object({
  id: z.string(),
  traits: jsonObject,
  companyId: z.string().nullable(),
  createdAt: millis,
  updatedAt: millis,
});

export const companySchema = z.object({
  id: z.string(),
  traits: jsonObject,
  createdAt: millis,
  updatedAt: millis,
});

export const EVENT_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;

export const newEventSchema = z.object({
  messageId: z.string(),
  leadId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  type: z.enum(EVENT_TYPES),
  name: z.string(),
  time: millis,
  receivedAt: millis,
  /** The whole original message. */
  payload: jsonObject,
});

export const storedEventSchema = newEventSchema.extend({
  /** Insertion order within the store: the tie-breaker after `time`. */
  seq: z.number().int(),
});

/**
 * An attributed event with only what scoring reads: of its payload, just the top-level keys asked
 * for (a key whose value is missing or null is left out).
 */
export const scoringEventRowSchema = storedEventSchema
  .pick({ seq: true, messageId: true, type: true, name: true, time: true, payload: true })
  .extend({ leadId: z.string() });

export const leadScoreRowSchema = z.object({
  leadId: z.string(),
  modelVersion: z.number().int(),
  state: scoreStateSchema,
  score: z.number(),
  fit: z.number(),
  engagement: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
  categories: z.record(z.string(), z.number()),
  /** The time the figures above were read from `state` (before any later decay). */
  scoredAt: millis,
  lastEventTime: millis.nullable(),
  updatedAt: millis,
  /**
   * When decay alone will move the lead to another segment (epoch ms), so that the transition is
   * made on time; null when it never will. Absent is read as null.
   */
  dueAt: millis.nullable().optional(),
});

/** A lead whose segment is due to change by decay. */
export const dueLeadSchema = z.object({
  workspaceId: z.string(),
  leadId: z.string(),
  dueAt: millis,
});

export const HISTORY_CAUSES = ['event', 'traits', 'model', 'decay', 'merge', 'manual'] as const;

const scoreSnapshotSchema = z.object({
  score: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
});

export const historyEntrySchema = scoreSnapshotSchema.extend({
  leadId: z.string(),
  at: millis,
  cause: z.enum(HISTORY_CAUSES),
  /** What caused it: a messageId, a model version, ... */
  causeRef: z.string().nullable(),
  modelVersion: z.number().int(),
  previous: scoreSnapshotSchema.nullable(),
});

export const modelRecordSchema = z.object({
  version: z.number().int().positive(),
  spec: jsonObject,
  createdAt: millis,
  /** What changed and why, given when saved; null for versions saved without one. */
  note: z.string().nullable(),
  /** Who saved it (a user's e-mail or a key's name); null for versions saved before 025. */
  author: z.string().nullable(),
});

export const activeModelSchema = z.object({
  version: z.number().int().positive(),
  spec: jsonObject,
  activatedAt: millis,
});

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
  createdAt: millis,
  startedAt: millis.nullable(),
  finishedAt: millis.nullable(),
});

export const jobPatchSchema = jobSchema
  .pick({
    status: true,
    progress: true,
    total: true,
    error: true,
    startedAt: true,
    finishedAt: true,
  })
  .partial();

/** What webhooks can tell a subscriber about; a subscription names the ones it wants. */
export const NOTIFICATION_TYPES = [
  'lead.segment_changed',
  'lead.stage_changed',
  'lead.grade_changed',
  'lead.qualified',
  'lead.assigned',
  'lead.feedback_recorded',
  'model.activated',
  'lead.segment_entered',
] as const;

/**
 * Messages only channels receive (never a webhook subscription): a segment action's e-mail or
 * Slack message, a lead's changed state for write-back to a CDP or CRM (`lead.changed`, sent
 * with the lead's state at the time of sending, so queued ones coalesce), and a daily digest.
 */
export const CHANNEL_MESSAGE_TYPES = [
  'channel.email',
  'channel.slack',
  'lead.changed',
  'channel.digest',
] as const;

/** Every type an outbox message may have. */
export const MESSAGE_TYPES = [...NOTIFICATION_TYPES, ...CHANNEL_MESSAGE_TYPES] as const;

/** A notification for the webhook outbox, written in the transaction of the change it tells of. */
export const newNotificationSchema = z.object({
  type: z.enum(MESSAGE_TYPES),
  /**
   * Only this channel gets it (a segment action's message, a digest, a test send); absent: every
   * enabled subscription (webhook or channel) that names the type gets it.
   */
  channelId: z.string().optional(),
  /** The lead it is about: notifications of one lead reach each subscriber in order. */
  leadId: z.string().nullable(),
  data: jsonObject,
  /** When the change happened (the payload's `timestamp`). */
  at: millis,
});

/** What an erasure removed, per kind of record. */
/** A company's stored account score (as of `scoredAt`; contacts' decay is applied on read). */
export const accountScoreRowSchema = z.object({
  companyId: z.string(),
  modelVersion: z.number().int(),
  score: z.number(),
  fit: z.number(),
  engagement: z.number(),
  grade: z.string().nullable(),
  segment: z.string(),
  stage: z.enum(STAGES),
  contacts: z.number().int(),
  scoredAt: millis,
  updatedAt: millis,
});

/** Where a lead was routed: its owner (a sales rep) and its tags. */
export const leadRoutingSchema = z.object({
  owner: z.string().nullable(),
  tags: z.array(z.string()),
});

export const erasureCountsSchema = z.object({
  leads: z.number().int(),
  events: z.number().int(),
  scores: z.number().int(),
  history: z.number().int(),
  identities: z.number().int(),
  /** Owner and tags, and the markers of once-only actions. */
  routing: z.number().int(),
  /** Webhook messages about the lead, with their deliveries (pending ones are not sent). */
  notifications: z.number().int(),
  /** The lifecycle stage and the history of its moves. */
  lifecycle: z.number().int(),
});

export type Workspace = z.infer<typeof workspaceSchema>;
export type NewApiKey = z.infer<typeof newApiKeySchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type Lead = z.infer<typeof leadSchema>;
export type Company = z.infer<typeof companySchema>;
export type NewEvent = z.infer<typeof newEventSchema>;
export type StoredEvent = z.infer<typeof storedEventSchema>;
export type ScoringEventRow = z.infer<typeof scoringEventRowSchema>;
export type LeadScoreRow = z.infer<typeof leadScoreRowSchema>;
export type DueLead = z.infer<typeof dueLeadSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type ModelRecord = z.infer<typeof modelRecordSchema>;
export type ActiveModel = z.infer<typeof activeModelSchema>;
export type Job = z.infer<typeof jobSchema>;
export type JobPatch = z.infer<typeof jobPatchSchema>;
export type ErasureCounts = z.infer<typeof erasureCountsSchema>;
export type LeadRouting = z.infer<typeof leadRoutingSchema>;
export type AccountScoreRow = z.infer<typeof accountScoreRowSchema>;
export type JsonObject = z.infer<typeof jsonObject>;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export type ChannelMessageType = (typeof CHANNEL_MESSAGE_TYPES)[number];
export type MessageType = (typeof MESSAGE_TYPES)[number];
export type NewNotification = z.infer<typeof newNotificationSchema>;
