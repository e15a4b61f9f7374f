// The management API's JSON bodies: one parser for the whole app that holds every body to what
// the stores can keep (size, UTF-8, no NUL or lone surrogate, nesting depth) before any route,
// schema or store sees it. The ingestion routes keep their own parser (routes/ingest.ts).
import type { FastifyInstance } from 'fastify';
import {
  decodeUtf8,
  findJsonProblem,
  textProblem,
  type JsonProblem,
} from '../ingest/json-safety.js';
import type { ModelProblem } from '../core/model-errors.js';
import { ApiError } from './errors.js';

/** Fastify's bodyLimit for every management body: far above any model or request sent. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Path segments shown before a long path (a deep body's) is cut short. */
const SHOWN_SEGMENTS = 8;
const SHOWN_KEY_CHARS = 40;

/** Installs the JSON parser; call before the routes are registered, so that they inherit it. */
export function installJsonBody(app: FastifyInstance): void {
  // Fastify's own parser (secure-json-parse: refuses __proto__ and constructor.prototype keys).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
    (request, body, done) => {
      let text: string;
      try {
        text = bodyText(body as Buffer);
      } catch (error) {
        done(error as ApiError, undefined);
        return;
      }
      parseJson(request, text, (error, value) => {
        if (error) {
          done(error, undefined);
          return;
        }
        const problem = bodyProblem(value);
        if (problem) done(problemError(problem), undefined);
        else done(null, value);
      });
    },
  );
}

/** The body as text, refusing invalid UTF-8 rather than storing U+FFFD in its place. */
export function bodyText(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  const message = `not valid UTF-8 (invalid byte sequence at byte ${decoded.offset})`;
  throw new ApiError('invalid_request', `body: ${message}`, [
    { field: 'body', message, offset: decoded.offset },
  ]);
}

/**
 * What in a parsed body no store can hold. Depth counts inside the body's own object, so that
 * `traits` (or a model's `fit`) may nest MAX_JSON_DEPTH (64) levels. `root` starts every path.
 */
export function bodyProblem(body: unknown, root = 'body'): JsonProblem | null {
  if (typeof body !== 'object' || body === null) return findJsonProblem(body, { path: root });
  const members: Array<[string | null, string, unknown]> = Array.isArray(body)
    ? body.map((value, i) => [null, `${root}[${i}]`, value])
    : Object.entries(body).map(([key, value]) => [
        key,
        root === '' ? key : `${root}.${key}`,
        value,
      ]);
  for (const [key, path, value] of members) {
    const keyProblem = key === null ? null : textProblem(key);
    if (keyProblem) return { kind: 'text', path, reason: `key ${keyProblem}` };
    const problem = findJsonProblem(value, { path });
    if (problem) return problem;
  }
  return null;
}

/** The same check for a model read from YAML, as a model problem (answered as a 422). */
export function modelTextProblem(value: unknown): ModelProblem | null {
  const problem = bodyProblem(value, '');
  return problem && { path: shortPath(problem.path), message: problem.reason };
}

/** A 400 naming where: `body.traits.name: contains a NUL character (\u0000) at offset 1`. */
export function problemError(problem: JsonProblem): ApiError {
  const field = shortPath(problem.path);
  return new ApiError('invalid_request', `${field}: ${problem.reason}`, [
    { field, message: problem.reason },
  ]);
}

/**
 * A path a person can read: a body 5,000 levels deep has a path of 5,000 segments, so only the
 * first few are kept (they say where the nesting starts), and long keys are cut.
 */
export function shortPath(path: string): string {
  const segments = path.match(/\[\d+\]|[^.[]+/g) ?? [path];
  const shown = segments
    .slice(0, SHOWN_SEGMENTS)
    .map((segment) =>
      segment.length > SHOWN_KEY_CHARS ? `${segment.slice(0, SHOWN_KEY_CHARS)}…` : segment,
    );
  let out = '';
  for (const segment of shown)
    out += segment.startsWith('[') || out === '' ? segment : `.${segment}`;
  const hidden = segments.length - shown.length;
  return hidden > 0 ? `${out}… (${hidden} more)` : out;
}
