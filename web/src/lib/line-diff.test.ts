// The hand-written line diff: kept lines in order, and the two texts rebuilt from its sides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldKept, lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('marks added and removed lines around kept ones', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('rebuilds both texts from its sides', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 12 })
      .map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = lineDiff(a, b);
        const side = (k: string) =>
          d
            .filter((l) => l.kind !== k)
            .map((l) => l.text)
            .join('\n');
        expect(side('added')).toBe(a);
        expect(side('removed')).toBe(b);
      }),
    );
  });

  it('folds long runs of kept lines, keeping context around changes', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n');
    const b = a.replace('9', 'nine');
    expect(foldKept(lineDiff(a, b), 2)).toEqual([
      { kind: 'gap', count: 6 },
      { kind: 'same', text: '7' },
      { kind: 'same', text: '8' },
      { kind: 'removed', text: '9' },
      { kind: 'added', text: 'nine' },
      { kind: 'same', text: '10' },
    ]);
  });
});
