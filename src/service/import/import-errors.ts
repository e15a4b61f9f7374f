// The mistakes in an import's input that stop it as a whole (a bad mapping, a file without its
// header or not in its format): their messages are for the user, the HTTP route answers them
// with a 400 and the CLI with exit code 1. Anything else is a fault of ours.
import { NdjsonShapeError } from '../../ingest/ndjson-shape.js';
import { CsvHeaderError } from '../../ingest/read-csv.js';
import { ImportMapError } from './import-map.js';

/** The user's mistake's message, or undefined when the error is not one. */
export function importUserError(error: unknown): string | undefined {
  const mistakes = [ImportMapError, CsvHeaderError, NdjsonShapeError];
  return mistakes.some((kind) => error instanceof kind) ? (error as Error).message : undefined;
}
