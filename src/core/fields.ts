// Reading a dotted field path (`company.industry`, `properties.type`) from a lead or an event.

export type FieldReader = (record: unknown) => unknown;

/**
 * Compiles a dotted path into a reader. A record may hold the path nested
 * (`{ company: { industry } }`) or flat under the dotted key (`{ 'company.industry': ... }`),
 * as a CSV header gives it; the nested form is tried first.
 */
export function compileFieldReader(path: string): FieldReader {
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
