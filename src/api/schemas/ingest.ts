// What the Segment-compatible ingestion routes answer: one call's outcome, or a batch's tally.
import { z } from 'zod';

const outcomeStatus = z
  .enum(['stored', 'duplicate'])
  .describe('`duplicate`: this messageId was stored before, so the call changed nothing');

export const ingestCallResponseSchema = z
  .object({
    success: z.literal(true),
    messageId: z.string().describe('The call’s messageId, or the one derived from its content'),
    status: outcomeStatus,
  })
  .describe('The call is stored and the lead scored');

export const batchRejectionSchema = z.object({
  index: z.number().int().min(0).describe('Position of the message in `batch`'),
  messageId: z.string().nullable().describe('The message’s own messageId, when it had one'),
  field: z.string().nullable().describe('Full path of the offending field (`batch[3].timestamp`)'),
  reason: z.string(),
});

export const ingestBatchResponseSchema = z
  .object({
    success: z.literal(true),
    stored: z.number().int().min(0).describe('Messages stored'),
    duplicates: z.number().int().min(0).describe('Messages whose messageId was stored before'),
    rejected: z
      .array(batchRejectionSchema)
      .describe('Messages refused one by one; the others are stored'),
  })
  .describe('The accepted messages are stored and scored; each refused one says why');

export type IngestCallResponse = z.infer<typeof ingestCallResponseSchema>;
export type IngestBatchResponse = z.infer<typeof ingestBatchResponseSchema>;
