// The `traits` parameter of an export: paths, all, and the mistakes it names.
import { describe, expect, it } from 'vitest';
import { MAX_TRAIT_COLUMNS, parseTraitSelection, traitColumns } from './trait-selection.js';

describe('trait selection', () => {
  it('reads paths (trimmed, once each), all, or none', () => {
    expect(parseTraitSelection(' title , company.employees,title')).toEqual({
      ok: true,
      selection: { kind: 'paths', paths: ['title', 'company.employees'] },
    });
    expect(parseTraitSelection('*')).toEqual({ ok: true, selection: { kind: 'all' } });
    expect(parseTraitSelection(undefined)).toEqual({
      ok: true,
      selection: { kind: 'paths', paths: [] },
    });
  });

  it('names the path at fault', () => {
    expect(parseTraitSelection('a,,b')).toMatchObject({ ok: false, message: /^path 2 \(""\)/ });
    expect(parseTraitSelection('a.b.')).toMatchObject({ ok: false, message: /^path 1/ });
    expect(parseTraitSelection('a,*')).toMatchObject({ ok: false, message: /`\*` alone/ });
    const many = Array.from({ length: MAX_TRAIT_COLUMNS + 1 }, (_, i) => `t${i}`).join(',');
    expect(parseTraitSelection(many)).toMatchObject({ ok: false, message: /at most/ });
  });

  it('reads nested and flat dotted traits, and all of them as one column', () => {
    const [nested, missing] = traitColumns({ kind: 'paths', paths: ['company.size', 'nope'] });
    expect(nested?.name).toBe('traits.company.size');
    expect(nested?.read({ company: { size: 5 } })).toBe(5);
    expect(nested?.read({ 'company.size': 7 })).toBe(7);
    expect(missing?.read({})).toBeUndefined();
    const [all] = traitColumns({ kind: 'all' });
    expect(all?.name).toBe('traits');
    expect(all?.read({ a: 1 })).toEqual({ a: 1 });
  });
});
