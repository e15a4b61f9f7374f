// CSV cells read back by csv-parse: quoting where needed, formulas defused, numbers kept.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, defuseFormula } from './csv-cells.js';

describe('csv cells', () => {
  it('defuses text a spreadsheet would run, and only that', () => {
    for (const text of ['=1+2', '+1 555', '-x', '@SUM(A1)', '\tx', '\rx'])
      expect(defuseFormula(text)).toBe(`'${text}`);
    for (const text of ['', 'plain', ' =1', "'quoted", '1=1'])
      expect(defuseFormula(text)).toBe(text);
  });

  it('writes numbers as numbers, nothing as empty, objects as JSON', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ a: [1] })).toBe('"{""a"":[1]}"');
  });

  it('reads back as written', () => {
    const cells = ['a,b', 'say "hi"', 'line\nbreak', ' padded ', '=cmd', -1.5, null, ['x', 'y']];
    const [row] = parse(csvLine(cells)) as string[][];
    expect(row).toEqual([
      'a,b',
      'say "hi"',
      'line\nbreak',
      ' padded ',
      "'=cmd",
      '-1.5',
      '',
      '["x","y"]',
    ]);
  });
});
