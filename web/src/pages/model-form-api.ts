// What each section of the model form gets: the parsed model, and edits that go through the
// YAML text (see lib/model-doc.ts); problems the API reported, by field path.
import type { Path } from '../lib/model-doc';

export interface FormApi {
  model: Record<string, unknown>;
  set: (path: Path, value: unknown) => void;
  add: (path: Path, item: unknown, at?: number) => void;
  remove: (path: Path, index: number) => void;
  move: (path: Path, index: number, by: -1 | 1) => void;
  /** The problem at exactly this field, or at the item holding it, as the API named it. */
  problem: (path: Path) => string | undefined;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const records = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.map((item) => (isRecord(item) ? item : {})) : [];

export const at = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined);

/** A short, stable name for an item in labels: its id, or its position. */
export const nameOf = (item: Record<string, unknown>, i: number, key = 'id') =>
  typeof item[key] === 'string' && item[key] ? String(item[key]) : `#${i + 1}`;
