// Applies a mapping to one kind of file's columns: each column renamed, typed or ignored, and a
// row's values parsed by their column's type (a value that does not parse is the row's reason).
import { isMissing } from '../../core/values.js';
import { parseTimestamp } from '../../ingest/timestamp.js';
import { targetOf, type ColumnType, type ImportMap } from './import-map.js';
import type { ImportKind } from './import-types.js';
import { setPath } from '../../ingest/set-path.js';

export interface ColumnPlan {
  /** As in the file. */
  column: string;
  /** The name it takes (a trait path or a reserved column), or null when ignored. */
  to: string | null;
  type: ColumnType;
}

export type TypedValue = string | number | boolean;
export type MappedRow =
  { ok: true; values: Record<string, TypedValue> } | { ok: false; reason: string };

export function planColumns(
  kind: ImportKind,
  header: readonly string[],
  map: ImportMap | undefined,
): ColumnPlan[] {
  const rules = map?.[kind]?.columns ?? {};
  return header.map((column) => {
    const rule = rules[column];
    if (rule !== undefined && typeof rule !== 'string' && rule.ignore === true)
      return { column, to: null, type: 'string' };
    const type =
      rule !== undefined && typeof rule !== 'string' ? (rule.type ?? 'string') : 'string';
    return { column, to: targetOf(column, rule), type };
  });
}

/** The header as the readers should see it: mapped names (ignored columns keep their own). */
export function mappedHeader(plan: readonly ColumnPlan[]): string[] {
  return plan.map((p) => p.to ?? p.column);
}

/** A record read under the mapped header, with ignored and missing values left out, typed. */
export function mapRecord(plan: readonly ColumnPlan[], record: Record<string, string>): MappedRow {
  const values: Record<string, TypedValue> = {};
  for (const p of plan) {
    if (p.to === null) continue;
    const text = record[p.to];
    if (text === undefined || isMissing(text)) continue;
    const typed = parseTyped(text, p.type);
    if (!typed.ok) return { ok: false, reason: `column "${p.column}": ${typed.reason}` };
    values[p.to] = typed.value;
  }
  return { ok: true, values };
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function parseTyped(
  text: string,
  type: ColumnType,
): { ok: true; value: TypedValue } | { ok: false; reason: string } {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const n = Number(text.trim());
      return Number.isFinite(n) && text.trim() !== ''
        ? { ok: true, value: n }
        : { ok: false, reason: `expected a number, got "${text}"` };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: true };
      if (FALSE.has(t)) return { ok: true, value: false };
      return { ok: false, reason: `expected true or false, got "${text}"` };
    }
    case 'date': {
      const stamp = parseTimestamp(text.trim());
      return stamp.ok
        ? { ok: true, value: new Date(stamp.time).toISOString() }
        : { ok: false, reason: stamp.reason };
    }
  }
}

/** Dotted paths (`company.size`) as nested objects, as identify traits are stored. */
export function nestPaths(values: Record<string, TypedValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) setPath(out, path.split('.'), value);
  return out;
}
