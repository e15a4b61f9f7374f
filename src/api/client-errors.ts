// Requests Node's HTTP parser refuses before Fastify sees them (headers over 16 KB, a malformed
// request, a client too slow to send one): answered with the same coded body, request id header
// and request log line as every other answer, in place of Fastify's uncoded default.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { errorBody } from './errors.js';
import { REQUEST_ID_HEADER } from './request-id.js';

const REFUSALS: Record<string, { code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'headers_too_large',
    message: 'the request line and headers are over 16 KB (a long URL or query string?)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'request_timeout',
    message: 'the request was not received in time',
  },
};

const MALFORMED = { code: 'invalid_request', message: 'malformed HTTP request' } as const;

/** Fastify's `clientErrorHandler`: bound to the app, so that its logger writes the line. */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // The client is gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = (error.code && REFUSALS[error.code]) || MALFORMED;
  const status = ERROR_CODES[code];
  const requestId = randomUUID();
  this.log.info({ requestId, statusCode: status, parserError: error.code }, 'request');
  if (socket.writable) {
    const body = JSON.stringify(errorBody(requestId, code, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
