// Reading training columns: missing-value spellings, columns decided by a few odd values, ids.
import { describe, expect, it } from 'vitest';
import { encodeRows, fitEncoding } from './encoding.js';
import { MISSING, OTHER } from './encoding-schema.js';

/** Fits one column and encodes its own values. */
function fitOne(name: string, values: string[]) {
  const fitted = fitEncoding([name], [values]);
  const matrix = encodeRows(
    fitted.encoding,
    values.map((v) => [v]),
    [0],
  );
  return { ...fitted, column: fitted.encoding.columns[0], codes: Array.from(matrix[0] ?? []) };
}

const SPELLINGS = ['', ' ', 'NA', 'N/A', 'n/a', 'NaN', 'null', 'NULL', 'None', '-', ' ? '];

describe('fitEncoding and encodeRows', () => {
  it('reads NA, N/A, n/a, NaN, null, NULL, None, - and ? as missing in a numeric column', () => {
    const numbers = Array.from({ length: 100 }, (_, i) => String(i % 7));
    const { column, codes, warnings } = fitOne('visits', [...numbers, ...SPELLINGS]);
    expect(column).toEqual({ name: 'visits', type: 'numeric', mean: 2.95, missing: true });
    expect(codes.slice(0, 3)).toEqual([0, 1, 2]);
    expect(codes.slice(100).every(Number.isNaN)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('reads them as (missing) in a categorical column, not as levels of their own', () => {
    const words = Array.from({ length: 60 }, (_, i) => ['retail', 'bank', 'media'][i % 3]!);
    const { column, codes } = fitOne('industry', [...words, ...SPELLINGS, 'farm']);
    expect(column).toEqual({
      name: 'industry',
      type: 'categorical',
      levels: ['bank', 'media', 'retail', 'farm', MISSING, OTHER],
    });
    expect(codes.slice(60, 60 + SPELLINGS.length)).toEqual(SPELLINGS.map(() => 4));
    // Only these exact spellings: `none` in lower case is a category like any other.
    const lower = fitOne('industry', [...words, 'none']);
    expect(lower.column).toMatchObject({
      levels: ['bank', 'media', 'retail', 'none', MISSING, OTHER],
    });
  });

  it('warns when a few values that are not numbers make a column categorical', () => {
    const numbers = Array.from({ length: 500 }, (_, i) => String((i * 37) % 101));
    const odd = fitOne('balance', [...numbers, 'n.a.', 'unknown', 'n.a.', '12k']);
    expect(odd.column).toMatchObject({ type: 'categorical' });
    expect(odd.warnings).toEqual([
      'column "balance" is read as categories, not as numbers, because of 4 values that are not ' +
        'a number: "n.a." (2 rows), "12k" (1 row), "unknown" (1 row); 500 are numbers. Leave ' +
        'unknown values blank (or NA) to use it as numbers',
    ]);
    // Many rows of few distinct words: still "a few" values deciding it.
    const words = fitOne('floor', [...numbers, ...Array.from({ length: 100 }, () => 'ground')]);
    expect(words.warnings).toEqual([expect.stringContaining('"ground" (100 rows)')]);
  });

  it('does not warn about columns of words, or of numbers and many different words', () => {
    const yesNo = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'yes' : 'no'));
    expect(fitOne('housing', [...yesNo, '1']).warnings).toEqual([]);
    const mixed = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `w${i % 30}` : String(i % 9),
    );
    expect(fitOne('code', mixed).warnings).toEqual([]);
  });

  it('leaves out integer columns unique per row as identifiers, with a warning', () => {
    const ids = Array.from({ length: 50 }, (_, i) => String(1000 + ((i * 7) % 50)));
    const id = fitEncoding(['id', 'n'], [ids, ids.map((v) => String(Number(v) % 10))]);
    expect(id.skipped).toEqual(['id']);
    expect(id.encoding.columns.map((c) => c.name)).toEqual(['n']);
    expect(id.warnings).toEqual([
      'column "id" looks like an identifier (unique per row): left out',
    ]);
    // Not ids: a value repeated, a value missing, decimals, or too few rows to tell.
    for (const values of [
      [...ids.slice(1), ids[0]!, ids[0]!],
      [...ids, ''],
      ids.map((v) => `${v}.5`),
      ids.slice(0, 19),
    ]) {
      const kept = fitOne('amount', values);
      expect(kept.column).toMatchObject({ type: 'numeric' });
      expect(kept.warnings).toEqual([]);
    }
  });

  it('says when a text column is left out as an identifier', () => {
    const emails = Array.from({ length: 100 }, (_, i) => `lead${i}@example.com`);
    expect(fitOne('email', emails).warnings).toEqual([
      'column "email" looks like an identifier (nearly every value distinct): left out',
    ]);
  });
});
