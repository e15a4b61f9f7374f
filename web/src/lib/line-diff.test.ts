// The hand-written line diff: kept lines in order, and the two texts rebuilt from its sides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff';

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
});
