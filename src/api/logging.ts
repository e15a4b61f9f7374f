// How `serve` logs, with Fastify's own logger (pino): JSON lines, one per request when its
// answer is sent, secrets redacted; request and response bodies are never logged.
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { LogLevel } from '../config.js';

export interface LoggingOptions {
  level: LogLevel;
  /** Where the lines go: stdout when absent (tests pass a stream they read). */
  stream?: { write(line: string): void };
}

/**
 * No line carries headers or bodies; should one ever log a request, its headers or an object
 * holding a key or secret, these paths censor them (pino's `redact`, compiled once).
 */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'writeKey',
  'key',
  'apiKey',
];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
];

export function loggerOptions(options: LoggingOptions): FastifyServerOptions['logger'] {
  return {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(options.stream ? { stream: options.stream } : {}),
  };
}

/**
 * One line a request, written once its answer is sent, in place of Fastify's two (on arrival and
 * on completion); Fastify's lines about failures (an answer that could not be serialized or sent)
 * stay. Fastify calls `requestCompleted` after the onResponse hooks of every routed request (and
 * of unknown routes); this class is how Fastify 5.12 turns its own request lines off (the
 * top-level `disableRequestLogging` option is deprecated). Requests refused before routing
 * (a malformed URL) run neither: errors.ts's frameworkErrors logs those.
 */
export class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    logRequest(error, request, reply);
  }
}

/** Writes the request's one line; `error` is the answer's own (its stream failed), if any. */
export function logRequest(
  error: Error | null | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const line = {
    method: request.method,
    route: request.routeOptions.url,
    // The path only: query strings carry search terms (names, e-mail addresses).
    url: request.url.split('?', 1)[0],
    statusCode: reply.statusCode,
    responseTime: reply.elapsedTime,
    // Empty (or absent) until a key has bound the request to its workspace.
    workspaceId: request.workspaceId || undefined,
  };
  // A handler's error is logged by errors.ts, with its stack, when the answer is chosen.
  if (error) request.log.error({ ...line, err: error }, 'request');
  else request.log.info(line, 'request');
}
