// Coded API errors: every failure answers `{ error: { code, message, details } }` with a stable
// code, and bad input is a 4xx that says which field and why, never a 5xx.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ModelError } from '../core/model-errors.js';
import { StoreError } from '../store/port.js';
import type { ApiErrorBody } from './schemas/error.js';

export const ERROR_CODES = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  suppressed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_model: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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

export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Fastify's own errors for bad requests, by their codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

/** Errors Fastify raises before routing (a malformed URL), in the same coded shape. */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  void reply.code(400).send(errorBody('invalid_request', error.message));
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url}`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError)
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
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
            'invalid_model',
            `${error.problems.length} problem(s) in the model`,
            error.problems,
          ),
        );
    }
    if (error instanceof StoreError && error.code === 'not_found')
      return reply.code(404).send(errorBody('not_found', error.message));
    if (error instanceof StoreError && error.code === 'invalid') {
      return reply.code(400).send(errorBody('invalid_request', error.message));
    }
    const code = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (code) return reply.code(ERROR_CODES[code]).send(errorBody(code, error.message));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('invalid_request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'internal error'));
  });
}
