// What changed between two model versions, as a list by id: criteria, rules (with their caps),
// segments (with their actions), grades, the account part and the model's settings, each added,
// removed or changed with the item before and after. Pure; the dashboard shows it beside a YAML
// line diff.
import type { Model } from './model-schema.js';

/** Which list of the model an item belongs to. */
export type ChangeKind =
  | 'criterion'
  | 'rule'
  | 'segment'
  | 'grade'
  | 'account-criterion'
  | 'account-grade'
  | 'account-segment'
  | 'setting';

export interface ModelChange {
  kind: ChangeKind;
  /** The item's id (a grade's letter, a setting's path such as `engagement.halfLifeDays`). */
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** The top-level fields of the item that differ (all of them for an added or removed item). */
  fields: string[];
  before?: unknown;
  after?: unknown;
}

type Item = Record<string, unknown>;

/** A model as stored: a validated model, possibly without the defaults filled in. */
export type DiffableModel = Pick<Model, 'name' | 'segments'> & {
  description?: string;
  fit?: { criteria?: Model['fit']['criteria']; grades?: Model['fit']['grades'] };
  engagement?: { halfLifeDays?: number; rules?: Model['engagement']['rules'] };
  accounts?: Model['accounts'];
  conversions?: Model['conversions'];
};

interface Listed {
  kind: ChangeKind;
  key: string;
  items: (m: DiffableModel) => readonly Item[];
}

const LISTS: readonly Listed[] = [
  { kind: 'criterion', key: 'id', items: (m) => m.fit?.criteria ?? [] },
  { kind: 'grade', key: 'grade', items: (m) => m.fit?.grades ?? [] },
  { kind: 'rule', key: 'id', items: (m) => m.engagement?.rules ?? [] },
  { kind: 'segment', key: 'id', items: (m) => m.segments },
  { kind: 'account-criterion', key: 'id', items: (m) => m.accounts?.fit?.criteria ?? [] },
  { kind: 'account-grade', key: 'grade', items: (m) => m.accounts?.fit?.grades ?? [] },
  { kind: 'account-segment', key: 'id', items: (m) => m.accounts?.segments ?? [] },
];

/** The settings compared as single values, by path. */
export const SETTINGS: readonly { path: string; of: (m: DiffableModel) => unknown }[] = [
  { path: 'name', of: (m) => m.name },
  { path: 'description', of: (m) => m.description },
  { path: 'engagement.halfLifeDays', of: (m) => m.engagement?.halfLifeDays },
  { path: 'accounts.aggregate', of: (m) => m.accounts?.aggregate },
  { path: 'conversions', of: (m) => m.conversions },
];

/** The changes that turn `from` into `to`, in the order of the lists above, then by id. */
export function diffModels(from: DiffableModel, to: DiffableModel): ModelChange[] {
  const changes: ModelChange[] = [];
  for (const list of LISTS) changes.push(...diffList(list, list.items(from), list.items(to)));
  for (const setting of SETTINGS) {
    const before = setting.of(from);
    const after = setting.of(to);
    if (sameValue(before, after)) continue;
    const change = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    changes.push({
      kind: 'setting',
      id: setting.path,
      change,
      fields: [setting.path],
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
  }
  return changes;
}

function diffList(list: Listed, from: readonly Item[], to: readonly Item[]): ModelChange[] {
  const before = byKey(from, list.key);
  const after = byKey(to, list.key);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: ModelChange[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (a === undefined && b !== undefined)
      changes.push({ kind: list.kind, id, change: 'added', fields: Object.keys(b), after: b });
    else if (b === undefined && a !== undefined)
      changes.push({ kind: list.kind, id, change: 'removed', fields: Object.keys(a), before: a });
    else if (a !== undefined && b !== undefined) {
      const fields = changedFields(a, b);
      if (fields.length > 0)
        changes.push({ kind: list.kind, id, change: 'changed', fields, before: a, after: b });
    }
  }
  return changes;
}

/** Ids are unique within a list (the schema checks it); the last one wins otherwise. */
function byKey(items: readonly Item[], key: string): Map<string, Item> {
  return new Map(items.map((item) => [String(item[key]), item]));
}

function changedFields(a: Item, b: Item): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => !sameValue(a[k], b[k]));
}

/** Structural equality of JSON values; key order does not matter, undefined equals absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Item;
  const rb = b as Item;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}

/**
 * The items of each list after applying `changes` to `from`, by kind and id: what the diff says
 * `to` holds. Tests use it to check that a diff is complete.
 */
export function applyChanges(
  from: DiffableModel,
  changes: readonly ModelChange[],
): Map<ChangeKind, Map<string, unknown>> {
  const out = new Map<ChangeKind, Map<string, unknown>>();
  for (const list of LISTS) out.set(list.kind, new Map(byKey(list.items(from), list.key)));
  out.set('setting', new Map(SETTINGS.map((s) => [s.path, s.of(from)])));
  for (const c of changes) {
    const items = out.get(c.kind)!;
    if (c.change === 'removed') items.delete(c.id);
    else items.set(c.id, c.after);
  }
  for (const [, items] of out) for (const [id, v] of items) if (v === undefined) items.delete(id);
  return out;
}

/** The items of each list of a model by kind and id, as `applyChanges` answers them. */
export function itemsById(model: DiffableModel): Map<ChangeKind, Map<string, unknown>> {
  return applyChanges(model, []);
}
