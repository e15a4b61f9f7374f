// Path parameters and query strings of every route hold only text a store can hold: one hook on
// the root app, so no route (present or future) passes a NUL or a lone surrogate to a store.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeUtf8, findJsonProblem, type JsonProblem } from '../ingest/json-safety.js';
import { ApiError } from './errors.js';

/** Registered before the routes, so it runs first for every one of them, authentication included. */
export function refuseUnstorableParams(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const problem = paramsProblem(request);
    if (problem) {
      const message = `${problem.path}: ${problem.reason}`;
      throw new ApiError('invalid_request', message, [
        { field: problem.path, message: problem.reason },
      ]);
    }
  });
}

function paramsProblem(request: FastifyRequest): JsonProblem | null {
  return (
    findJsonProblem(request.params, { path: 'params' }) ??
    findJsonProblem(request.query, { path: 'query' }) ??
    queryEncodingProblem(request.url)
  );
}

/**
 * Fastify's query parser keeps a value whose percent-escapes are not UTF-8 (`%ED%A0%80`, a
 * surrogate; `%FF`) as its raw text, which the sender never meant; Node's decoders only say that
 * such a value is wrong, not where, so the escapes are turned into bytes here and checked.
 */
function queryEncodingProblem(url: string): JsonProblem | null {
  const start = url.indexOf('?');
  if (start === -1 || !url.includes('%', start)) return null;
  for (const pair of url.slice(start + 1).split('&')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    const path = `query.${readableKey(key)}`;
    for (const [part, what] of [
      [key, 'the name'],
      [value, 'the value'],
    ] as const) {
      const decoded = decodeUtf8(percentDecoded(part));
      if (!decoded.ok) {
        return {
          kind: 'text',
          path,
          reason: `${what} percent-encodes bytes that are not UTF-8 (at decoded byte ${decoded.offset})`,
        };
      }
    }
  }
  return null;
}

/** The bytes a percent-encoded text stands for; a `%` without two hex digits stays itself. */
function percentDecoded(text: string): Buffer {
  const parts = text.replaceAll('+', ' ').split(/%([0-9a-fA-F]{2})/);
  return Buffer.concat(
    parts.map((part, i) => (i % 2 === 1 ? Buffer.of(parseInt(part, 16)) : Buffer.from(part))),
  );
}

function readableKey(key: string): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return key;
  }
}
