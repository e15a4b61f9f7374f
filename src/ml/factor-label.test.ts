// How a factor reads: a missing value as "unknown <column>", a category and a number as "is".
import { describe, expect, it } from 'vitest';
import type { EncodedColumn } from './encoding-schema.js';
import { encodeRows } from './encoding.js';
import { factorText, formatNumber } from './factor-label.js';

const country: EncodedColumn = {
  name: 'country',
  type: 'categorical',
  levels: ['Portugal', 'Spain', '(missing)', '(other)'],
};
const age: EncodedColumn = { name: 'age', type: 'numeric', mean: 40, missing: true };
const balance: EncodedColumn = { name: 'balance', type: 'numeric', mean: 900, missing: false };

/** The factor of the raw text `value` of one column, encoded as predict encodes it. */
function factorOf(column: EncodedColumn, value: string) {
  const [encoded] = encodeRows({ columns: [column], missingValues: ['NA'] }, [[value]], [0]);
  return factorText(column, encoded![0]!);
}

describe('factor labels', () => {
  it('read a missing value as unknown, in a categorical and in a numeric column', () => {
    expect(factorOf(country, '')).toEqual({
      text: 'unknown country',
      feature: 'country',
      value: null,
      label: 'country=(missing)',
    });
    expect(factorOf(country, 'NA').text).toBe('unknown country');
    expect(factorOf(age, '')).toEqual({
      text: 'unknown age',
      feature: 'age',
      value: null,
      label: 'age=(missing)',
    });
  });

  it('read a category as "<column> is <level>", an unseen one as such', () => {
    expect(factorOf(country, 'Portugal')).toEqual({
      text: 'country is Portugal',
      feature: 'country',
      value: 'Portugal',
      label: 'country=Portugal',
    });
    expect(factorOf(country, 'Chile')).toMatchObject({
      text: 'country is a value not seen in training',
      value: '(other)',
      label: 'country=(other)',
    });
  });

  it('read a number as "<column> is <value>", exact, digits grouped by thousands', () => {
    expect(factorOf(age, '42')).toEqual({
      text: 'age is 42',
      feature: 'age',
      value: '42',
      label: 'age=42',
    });
    expect(factorOf(balance, '-1250.5').text).toBe('balance is -1,250.5');
    expect(formatNumber(1234567.125)).toBe('1,234,567.125');
    expect(formatNumber(0.0001)).toBe('0.0001');
    expect(formatNumber(1e21)).toBe('1e+21');
  });
  it('read an event count as the event done so often', () => {
    const demos: EncodedColumn = {
      name: 'did: Demo Requested',
      type: 'numeric',
      mean: 1,
      missing: false,
    };
    expect(factorOf(demos, '0').text).toBe('Demo Requested never');
    expect(factorOf(demos, '1').text).toBe('Demo Requested once');
    expect(factorOf(demos, '2').text).toBe('Demo Requested twice');
    expect(factorOf(demos, '1250')).toMatchObject({
      text: 'Demo Requested 1,250 times',
      label: 'did: Demo Requested=1250',
    });
  });
});
