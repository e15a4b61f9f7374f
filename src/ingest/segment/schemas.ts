// zod schemas for the Segment spec calls as SDKs send them: lenient on extras, strict on ids.
import { z } from 'zod';
import { idProblem } from '../json-safety.js';
import { parseTimestamp } from '../timestamp.js';

/** Some SDKs (and hand-written integrations) send numeric ids: they name the same lead. */
const id = z
  .union([z.string(), z.number()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a text or a number'),
  })
  .transform(String)
  .check((ctx) => {
    const problem = idProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** An id that must be there and not blank: a blank id would merge unrelated leads. */
const requiredId = id.refine((value) => value.trim() !== '', 'must not be empty');

/** Timestamps become epoch ms here, with parseTimestamp's reason when they are not real. */
const timestamp = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return undefined;
    const parsed = parseTimestamp(value);
    if (parsed.ok) return parsed.time;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  })
  // zod 4 treats a transformed key as required unless told otherwise.
  .optional();

const object = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/**
 * Fields every call may carry. `receivedAt` is absent on purpose: the server sets it, so a
 * client's value is kept in `raw` and otherwise ignored.
 */
const common = {
  messageId: id.nullish(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  context: object.nullish(),
  integrations: object.nullish(),
  timestamp,
  originalTimestamp: timestamp,
  sentAt: timestamp,
};

export const identifySchema = z.looseObject({
  ...common,
  type: z.literal('identify'),
  traits: object.nullish(),
});

export const trackSchema = z.looseObject({
  ...common,
  type: z.literal('track'),
  event: z
    .string({ error: 'a track call needs an event name (a text)' })
    .refine((name) => name.trim() !== '', 'a track call needs a non-empty event name'),
  properties: object.nullish(),
});

export const pageSchema = z.looseObject({
  ...common,
  type: z.literal('page'),
  name: z.string({ error: 'must be a text' }).nullish(),
  category: z.string({ error: 'must be a text' }).nullish(),
  properties: object.nullish(),
});

export const groupSchema = z.looseObject({
  ...common,
  type: z.literal('group'),
  groupId: requiredId,
  traits: object.nullish(),
});

export const aliasSchema = z.looseObject({
  ...common,
  type: z.literal('alias'),
  previousId: requiredId,
  userId: requiredId,
});

/** The calls we accept, by their `type`; `screen` is a mobile call leadscore does not score. */
export const callSchemas = {
  identify: identifySchema,
  track: trackSchema,
  page: pageSchema,
  group: groupSchema,
  alias: aliasSchema,
} as const;

export type SegmentCallType = keyof typeof callSchemas;
export const SEGMENT_CALL_TYPES = Object.keys(callSchemas) as SegmentCallType[];

export type IdentifyCall = z.infer<typeof identifySchema>;
export type TrackCall = z.infer<typeof trackSchema>;
export type PageCall = z.infer<typeof pageSchema>;
export type GroupCall = z.infer<typeof groupSchema>;
export type AliasCall = z.infer<typeof aliasSchema>;
export type SegmentCall = IdentifyCall | TrackCall | PageCall | GroupCall | AliasCall;

/**
 * `/v1/batch`: analytics-node also sends `writeKey` in the body, kept as an extra. The batch's
 * `context` is merged under each message's own, as the Segment HTTP API describes.
 */
export const batchEnvelopeSchema = z.looseObject({
  batch: z.array(z.unknown(), { error: 'a batch needs a "batch" array of calls' }),
  sentAt: timestamp,
  context: object.nullish(),
});

export type BatchEnvelope = z.infer<typeof batchEnvelopeSchema>;
