// The Segment-compatible ingestion routes: /v1/identify, track, page, group, alias and batch,
// and the short paths analytics.js posts to (/v1/i, t, p, g, a, b) with the write key in the body.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  decodeBody,
  MAX_BATCH_BYTES,
  parseSegmentBatch,
  parseSegmentCall,
  SEGMENT_CALL_TYPES,
  type SegmentCallType,
  type SegmentMessage,
} from '../../ingest/segment/index.js';
import { IngestQueue } from '../../service/ingest/ingest-queue.js';
import type { Refusal } from '../../service/ingest/suppressed-calls.js';
import { requireWriteKey, WRITE_KEY_IN_BODY } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  ingestBatchResponseSchema,
  ingestCallResponseSchema,
  type IngestBatchResponse,
} from '../schemas/ingest.js';

/** Calls a minute per write key when neither the key nor the server sets one. */
export const DEFAULT_WRITE_KEY_RATE_LIMIT = 6000;

export async function ingestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Browser SDKs send a preflight from any site that embeds the write key.
  await app.register(cors, {
    origin: true,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
  });
  requireWriteKey(app, deps.store);
  // After authentication (onRequest), so that the limit is per key and its own setting counts.
  await app.register(rateLimit, {
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: (request) => request.apiKey?.id ?? request.ip,
    max: (request) =>
      request.apiKey?.rateLimitPerMinute ?? deps.writeKeyRateLimit ?? DEFAULT_WRITE_KEY_RATE_LIMIT,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'rate_limited',
        `more than ${context.max} calls a minute with this write key: retry in ${context.after}`,
        { limit: context.max },
      ),
  });
  // The raw bytes, decoded here so that invalid UTF-8 is refused with its offset (Fastify's
  // string parser would turn it into U+FFFD). Valid UTF-8 decodes to text of the same byte
  // length, so the Segment limits (32 KB a call, 500 KB a batch) still apply to the bytes sent;
  // Fastify's own limit sits above them so that the answer says which limit was passed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: 2 * MAX_BATCH_BYTES },
    (_request, body, done) => {
      const text = decodeBody(body);
      if (text.kind === 'ok') done(null, text.value);
      else done(new ApiError('invalid_request', text.reason));
    },
  );
  // The zod schemas below document the answers; serialising through zod would cost ~10x
  // JSON.stringify on every call, so these routes answer as they did without a schema (the
  // shapes are checked by the handlers' types and test/openapi.test.ts instead).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // Concurrent calls of a workspace are stored and scored in one transaction.
  const queue = new IngestQueue(deps.store, deps.models, deps.ingest);
  const errors = {
    ...errorResponses(400, 401, 413, 429),
    409: jsonResponse(
      'An id of the call was erased: code `suppressed`, `details.field` names it; ' +
        'DELETE /v1/suppressions/{id} lifts it (a batch lists such messages in `rejected`)',
      apiErrorSchema,
    ),
  };

  const callHandler = (type: SegmentCallType) => async (request: FastifyRequest) => {
    const receivedAt = deps.clock();
    const result = parseSegmentCall(type, request.body, { receivedAt });
    if (result.kind === 'rejected') throw rejection(result);
    const [outcome] = await queue.submit(request.workspaceId, [result.message], receivedAt);
    // One message in, one outcome out.
    if (!outcome) throw new Error('no ingest outcome for the call');
    if (outcome.status === 'suppressed') throw suppressed(outcome);
    return { success: true as const, messageId: outcome.messageId, status: outcome.status };
  };

  const batchHandler = async (request: FastifyRequest) => {
    const receivedAt = deps.clock();
    const result = parseSegmentBatch(request.body, { receivedAt });
    if (result.kind === 'rejected') throw rejection(result);
    const accepted: SegmentMessage[] = [];
    const acceptedAt: number[] = [];
    const rejected: IngestBatchResponse['rejected'] = [];
    for (const item of result.items) {
      if (item.kind === 'accepted') {
        accepted.push(item.message);
        acceptedAt.push(item.index);
      } else
        rejected.push({
          index: item.index,
          messageId: item.messageId,
          field: item.field,
          reason: item.reason,
        });
    }
    const outcomes = await queue.submit(request.workspaceId, accepted, receivedAt);
    // Refused for a suppressed id: rejected like a malformed message, its siblings kept.
    outcomes.forEach((outcome, i) => {
      if (outcome.status !== 'suppressed') return;
      const index = acceptedAt[i]!;
      rejected.push({
        index,
        messageId: accepted[i]!.messageId,
        field: `batch[${index}].${outcome.field}`,
        reason: 'suppressed',
      });
    });
    rejected.sort((a, b) => a.index - b.index);
    return {
      success: true as const,
      stored: outcomes.filter((o) => o.status === 'stored').length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      rejected,
    };
  };

  for (const type of SEGMENT_CALL_TYPES) {
    const schema = (summary: string) => ({
      tags: ['ingestion'],
      summary,
      response: { 200: ingestCallResponseSchema, ...errors },
    });
    typed.post(`/v1/${type}`, { schema: schema(`Segment ${type} call`) }, callHandler(type));
    // analytics.js (the browser SDK) posts to the first letter, the write key in the body.
    typed.post(
      `/v1/${type.charAt(0)}`,
      {
        config: WRITE_KEY_IN_BODY,
        schema: schema(`Segment ${type} call as analytics.js sends it (write key in the body)`),
      },
      callHandler(type),
    );
  }

  const batchSchema = (summary: string) => ({
    tags: ['ingestion'],
    summary,
    response: { 200: ingestBatchResponseSchema, ...errors },
  });
  typed.post('/v1/batch', { schema: batchSchema('Segment batch of calls') }, batchHandler);
  typed.post(
    '/v1/b',
    {
      config: WRITE_KEY_IN_BODY,
      schema: batchSchema('Segment batch as analytics.js sends it (write key in the body)'),
    },
    batchHandler,
  );
}

function rejection(result: { field: string | null; reason: string; tooLarge: boolean }): ApiError {
  const { field, reason } = result;
  return new ApiError(
    result.tooLarge ? 'payload_too_large' : 'invalid_request',
    // The reason already names its field (`userId: expected a string`).
    reason,
    field ? { field } : undefined,
  );
}

/** The answer to a single call naming an erased id: which field, and how to lift it. */
function suppressed({ field, id }: Refusal): ApiError {
  return new ApiError(
    'suppressed',
    `${field}: "${id}" was erased (DELETE /v1/leads/{id}), so calls for it are refused; ` +
      `DELETE /v1/suppressions/${encodeURIComponent(id)} with the admin key lifts that`,
    { field, id },
  );
}
