// What a command prints for a user's mistake (bad input, a missing file): its message, without
// a stack trace. Anything else is a bug and is thrown on, stack and all.
import { AnalyticsError } from '../analytics/errors.js';
import { ModelError } from '../core/model-errors.js';
import { NdjsonShapeError } from '../ingest/ndjson-shape.js';
import { CsvHeaderError } from '../ingest/read-csv.js';
import { MlError } from '../ml/errors.js';
import { UsersError } from '../service/users/users-error.js';
import { FileCheckError, fileErrorMessage } from './file-checks.js';

const USER_ERRORS = [
  FileCheckError,
  ModelError,
  MlError,
  AnalyticsError,
  CsvHeaderError,
  NdjsonShapeError,
  UsersError,
];

/** The message of a user's mistake, or undefined for any other error. */
export function userErrorMessage(error: unknown): string | undefined {
  if (USER_ERRORS.some((kind) => error instanceof kind)) return (error as Error).message;
  return fileErrorMessage(error);
}

/** Prints a user's mistake as `error: ...` and answers exit code 1; throws anything else on. */
export function reportUserError(error: unknown): number {
  const message = userErrorMessage(error);
  if (message === undefined) throw error;
  process.stderr.write(`error: ${message}\n`);
  return 1;
}
