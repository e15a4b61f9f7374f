// Flattens a traits or properties object into (dotted path, value) pairs for the catalog: nested
// objects become dotted paths, arrays stay one value (of type array), missing values are left out.
import { isRecord } from '../../core/fields.js';
import { isMissing } from '../../core/values.js';

/** Deeper objects than this are reported as one value of type object. */
const MAX_DEPTH = 8;

export function flatten(record: Record<string, unknown>): [path: string, value: unknown][] {
  const out: [string, unknown][] = [];
  const walk = (value: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isRecord(v) && depth < MAX_DEPTH) walk(v, path, depth + 1);
      else if (!isMissing(v)) out.push([path, v]);
    }
  };
  walk(record, '', 0);
  return out;
}

export type ValueType = 'string' | 'number' | 'boolean' | 'array' | 'object';

export function valueType(value: unknown): ValueType {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}
