// Reading CSV for training and scoring: separators, quotes, and errors that say where.
import { describe, expect, it } from 'vitest';
import { columnIndex, parseDataset } from './read-dataset.js';

describe('parseDataset', () => {
  it('reads ; separated files with quoted fields', () => {
    const d = parseDataset(
      '"age";"job";"y"\n58;"management; senior";"no"\n44;"tech";"yes"\n',
      'a.csv',
    );
    expect(d.columns).toEqual(['age', 'job', 'y']);
    expect(d.rows).toEqual([
      ['58', 'management; senior', 'no'],
      ['44', 'tech', 'yes'],
    ]);
    expect(d.lines).toEqual([2, 3]);
  });

  it('reads , separated files, quoted or not, with a BOM and CRLF', () => {
    const d = parseDataset('\uFEFFid,title,y\r\nl1,"VP, Sales",won\r\nl2,Engineer,\r\n', 'b.csv');
    expect(d.columns).toEqual(['id', 'title', 'y']);
    expect(d.rows).toEqual([
      ['l1', 'VP, Sales', 'won'],
      ['l2', 'Engineer', ''],
    ]);
  });

  it('rejects rows with the wrong field count, naming their line, and keeps file order', () => {
    const d = parseDataset('a,b\n1,2\n"multi\nline",3\n4\n5,6\n', 'c.csv');
    expect(d.rows).toEqual([
      ['1', '2'],
      ['multi\nline', '3'],
      ['5', '6'],
    ]);
    expect(d.rejects).toEqual([{ line: 5, reason: 'expected 2 fields as in the header, got 1' }]);
    expect(d.order).toEqual([{ row: 0 }, { row: 1 }, { reject: 0 }, { row: 2 }]);
  });

  it('fails on broken quotes with the file and line', () => {
    expect(() => parseDataset('a,b\n1,2\n3,"x"y\n', 'd.csv')).toThrow(/^d\.csv:3: /);
  });

  it('fails on an empty file, a nameless or a repeated column', () => {
    expect(() => parseDataset('', 'e.csv')).toThrow('e.csv: the file is empty');
    expect(() => parseDataset('a,,c\n', 'e.csv')).toThrow('e.csv:1: column 2 has no name');
    expect(() => parseDataset('a;b;a\n', 'e.csv')).toThrow('e.csv:1: column "a" twice');
  });

  it('names the columns a file has when an option names another', () => {
    const d = parseDataset('a,b\n1,2\n', 'f.csv');
    expect(() => columnIndex(d, 'y', '--target')).toThrow(
      'f.csv:1: --target "y" is not a column (columns: a, b)',
    );
  });
});
