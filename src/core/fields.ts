// Reading a dotted field path (`company.industry`, `properties.type`) from a lead or an event,
// including the derived e-mail fields (`email.domain`, `email.isBusiness`, `email.isDisposable`).
import { deriveEmail, isDerivedEmailField } from './derived-fields.js';
import { EMAIL_DOMAIN_LISTS, type EmailDomainLists } from './email-lists.js';

export type FieldReader = (record: unknown) => unknown;

/**
 * Compiles a dotted path into a reader. A record may hold the path nested
 * (`{ company: { industry } }`) or flat under the dotted key (`{ 'company.industry': ... }`),
 * as a CSV header gives it; the nested form is tried first. For a derived e-mail path the
 * record's own value wins (an object trait `email` with a `domain` is never shadowed); only when
 * the record holds nothing there is the value derived from a string `email` at its top level.
 */
export function compileFieldReader(
  path: string,
  lists: EmailDomainLists = EMAIL_DOMAIN_LISTS,
): FieldReader {
  const own = compileStoredReader(path);
  if (!isDerivedEmailField(path)) return own;
  return (record) => {
    const value = own(record);
    if (value !== undefined || !isRecord(record)) return value;
    return deriveEmail(record.email, lists)?.[path];
  };
}

function compileStoredReader(path: string): FieldReader {
  const parts = path.split('.');
  if (parts.length === 1) {
    return (record) => (isRecord(record) ? record[path] : undefined);
  }
  return (record) => {
    let current: unknown = record;
    for (const part of parts) {
      if (!isRecord(current)) {
        current = undefined;
        break;
      }
      current = current[part];
    }
    if (current === undefined && isRecord(record)) return record[path];
    return current;
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
