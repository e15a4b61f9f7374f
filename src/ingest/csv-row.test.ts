// csvRow writes what a CSV parser reads back unchanged.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRow } from './csv-row.js';

describe('csvRow', () => {
  it('quotes only when needed', () => {
    expect(csvRow(['a', 1.5, -2, null, ''])).toBe('a,1.5,-2,,\n');
    expect(csvRow(['x,y', 'say "hi"', 'two\nlines', ' padded'])).toBe(
      '"x,y","say ""hi""","two\nlines"," padded"\n',
    );
  });

  it('round-trips any text through csv-parse', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        const back = parse(csvRow(cells), { relax_column_count: true }) as string[][];
        expect(back[0] ?? ['']).toEqual(cells.length === 1 && cells[0] === '' ? [''] : cells);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
