// Coded API errors: every failure answers `{ error: { code, message, details, requestId } }` with
// a stable code, and bad input is a 4xx that says which field and why, never a 5xx. A 5xx is
// logged with its error and stack under the request id the answer names.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ModelError } from '../core/model-errors.js';
import { UsersError, type UsersErrorCode } from '../service/users/users-error.js';
import { StoreError } from '../store/errors.js';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { logRequest } from './logging.js';
import { REQUEST_ID_HEADER } from './request-id.js';
import type { ApiErrorBody } from './schemas/error.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get statusCode(): number {
    return ERROR_CODES[this.code];
  }
}

/** The error answer of a request: its request id lets a caller's report be found in the log. */
export function errorBody(
  requestId: string,
  code: ErrorCode,
  message: string,
  details?: unknown,
): ApiErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

/** What a body may hold, for the answer to one that is too large (json-body.ts, limits.ts). */
const TOO_LARGE_HINT = 'a management body may have 1 MiB, a Segment call 32 KB and a batch 500 KB';

/** The users service's refusals, by their codes. */
const USERS_CODES: Record<UsersErrorCode, ErrorCode> = {
  invalid: 'invalid_request',
  weak_password: 'invalid_request',
  not_found: 'not_found',
  conflict: 'conflict',
  last_owner: 'conflict',
  disabled: 'conflict',
};

/** Fastify's own errors for bad requests, by their codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

/** Errors Fastify raises before routing (a malformed URL), in the same coded shape. */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  // Refused before routing: no hook runs, nor Fastify's end of request, so this sets the request
  // id header and writes the request's log line itself.
  reply.raw.once('finish', () => logRequest(null, request, reply));
  void reply
    .code(400)
    .header(REQUEST_ID_HEADER, request.id)
    .send(errorBody(request.id, 'invalid_request', error.message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send(errorBody(request.id, 'not_found', `no route ${request.method} ${request.url}`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError)
      return reply
        .code(error.statusCode)
        .send(errorBody(request.id, error.code, error.message, error.details));
    if (error instanceof UsersError) {
      const code = USERS_CODES[error.code];
      const details =
        error.code === 'invalid' || error.code === 'not_found' ? undefined : { reason: error.code };
      return reply
        .code(ERROR_CODES[code])
        .send(errorBody(request.id, code, error.message, details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message,
      }));
      const first = details[0];
      return reply
        .code(400)
        .send(
          errorBody(
            request.id,
            'invalid_request',
            first ? `${first.field}: ${first.message}` : 'invalid request',
            details,
          ),
        );
    }
    if (error instanceof ModelError) {
      return reply
        .code(422)
        .send(
          errorBody(
            request.id,
            'invalid_model',
            `${error.problems.length} problem(s) in the model`,
            error.problems,
          ),
        );
    }
    if (error instanceof StoreError && error.code === 'not_found')
      return reply.code(404).send(errorBody(request.id, 'not_found', error.message));
    if (error instanceof StoreError && error.code === 'conflict')
      return reply.code(409).send(errorBody(request.id, 'conflict', error.message));
    if (error instanceof StoreError && error.code === 'invalid') {
      return reply.code(400).send(errorBody(request.id, 'invalid_request', error.message));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = `body: over the size limit (${TOO_LARGE_HINT})`;
      return reply
        .code(413)
        .send(errorBody(request.id, 'payload_too_large', message, [{ field: 'body', message }]));
    }
    const code = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (code) return reply.code(ERROR_CODES[code]).send(errorBody(request.id, code, error.message));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send(errorBody(request.id, 'invalid_request', error.message));
    }
    request.log.error(
      { err: error, method: request.method, url: request.url.split('?', 1)[0] },
      'request failed',
    );
    return reply.code(500).send(errorBody(request.id, 'internal', 'internal error'));
  });
}
