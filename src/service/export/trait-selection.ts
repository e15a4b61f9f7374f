// Which traits an export adds as columns: none, the dotted paths asked for
// (`title,company.employees`), or all of them (`*`) as one `traits` column holding the JSON.
import { compileFieldReader, type FieldReader } from '../../core/fields.js';

export type TraitSelection = { kind: 'paths'; paths: string[] } | { kind: 'all' };

/** Most trait columns one export may ask for. */
export const MAX_TRAIT_COLUMNS = 200;

const PATH = /^[^.\s,]+(\.[^.\s,]+)*$/;

/**
 * Reads `title,company.employees` or `*`; an empty or absent text asks for none. A mistake is
 * answered as a message naming the path at fault (the caller says which parameter it was).
 */
export function parseTraitSelection(
  text: string | undefined,
): { ok: true; selection: TraitSelection } | { ok: false; message: string } {
  const trimmed = (text ?? '').trim();
  if (trimmed === '*') return { ok: true, selection: { kind: 'all' } };
  if (trimmed === '') return { ok: true, selection: { kind: 'paths', paths: [] } };
  const paths: string[] = [];
  for (const [i, raw] of trimmed.split(',').entries()) {
    const path = raw.trim();
    if (path === '*')
      return { ok: false, message: 'ask for all traits with `*` alone, not in a list of paths' };
    if (!PATH.test(path))
      return {
        ok: false,
        message: `path ${i + 1} ("${path}"): expected a dotted trait path such as company.employees`,
      };
    if (!paths.includes(path)) paths.push(path);
  }
  if (paths.length > MAX_TRAIT_COLUMNS)
    return { ok: false, message: `at most ${MAX_TRAIT_COLUMNS} trait paths (got ${paths.length})` };
  return { ok: true, selection: { kind: 'paths', paths } };
}

/** The column name and reader of each selected trait, read from a traits object. */
export function traitColumns(
  selection: TraitSelection,
): { name: string; read: (traits: Record<string, unknown>) => unknown }[] {
  if (selection.kind === 'all') return [{ name: 'traits', read: (traits) => traits }];
  return selection.paths.map((path) => {
    const reader: FieldReader = compileFieldReader(path);
    return { name: `traits.${path}`, read: (traits) => reader(traits) };
  });
}
