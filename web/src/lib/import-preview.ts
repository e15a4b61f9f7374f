// The preview table's columns and cells: the names the file's columns are read as (the keys of
// the rows' values for NDJSON, which has no header), and each value as text.
import type { ImportPreview } from '../api/import-types';

/** The names to show, in the file's order; ignored columns are left out. */
export function previewNames(preview: ImportPreview): string[] {
  const names = preview.columns.flatMap((c) => (c.to === null ? [] : [c.to]));
  const seen = new Set(names);
  for (const row of preview.rows)
    for (const key of Object.keys(row.values ?? {}))
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
  return names;
}

const MAX_CELL = 80;

/** A value as read: text as is, numbers and booleans as JSON, objects as JSON cut short. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}
