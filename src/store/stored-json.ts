// Reading a JSON object the store wrote: a row that cannot be read (malformed text, or not an
// object, e.g. written by an older release or by hand) yields an empty object and a warning, so
// that one bad row never fails a list or a page.
import type { JsonObject } from './records.js';

/** Node's process warnings: printed on stderr by default, and observable with process.on. */
export const UNREADABLE_JSON_WARNING = 'LEADSCORE_UNREADABLE_JSON';

/** `where` names the row in the warning, e.g. `lead "u1" traits`. */
export function readJsonObject(text: string, where: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return unreadable(where, (error as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return unreadable(where, 'not a JSON object');
  }
  return value as JsonObject;
}

function unreadable(where: string, reason: string): JsonObject {
  process.emitWarning(`${where}: stored JSON cannot be read (${reason}); read as {}`, {
    code: UNREADABLE_JSON_WARNING,
  });
  return {};
}
