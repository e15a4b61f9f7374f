// The analysis on a small fixture with hand-computed attributes, behaviours and channels; errors.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../ml/read-dataset.js';
import { analyze } from './analyze.js';

// 10 leads, 3 converted (rows 2, 3, 5): base rate 0.3.
const FIXTURE = `id,source,visits,demo,plan,converted
1,google,0,0,a,no
2,google,1,0,a,yes
3,google,3,1,b,Yes
4,google,0,,b,no
5,email,5,1,a,TRUE
6,email,2,0,a,no
7,email,0,0,b,no
8,ads,1,0,b,no
9,ads,4,2,,no
10,ads,0,0,a,
11,ads,0,0,a,no
`;

const dataset = parseDataset(FIXTURE, 'leads.csv');

describe('analyze on a small fixture', () => {
  const costs = new Map([
    ['google', 200],
    ['email', 30],
    ['ads', 90],
    ['tv', 500],
  ]);
  const analysis = analyze(dataset, {
    target: 'converted',
    exclude: ['id'],
    behaviours: ['visits', 'demo'],
    channel: 'source',
    costs,
  });

  it('leaves a blank outcome out and gives the overall rate', () => {
    expect(analysis.unknown).toBe(1);
    expect(analysis.overall).toMatchObject({ leads: 10, conversions: 3, rate: 0.3 });
    expect(analysis.positive).toEqual(['yes', 'true', '1', 'converted', 'won']);
  });

  it('tabulates a categorical attribute, missing as its own value, rows by rate', () => {
    const plan = analysis.attributes.find((a) => a.name === 'plan');
    expect(plan?.kind).toBe('categorical');
    expect(plan?.rows.map((r) => [r.value, r.leads, r.conversions, r.rate])).toEqual([
      ['a', 5, 2, 0.4],
      ['b', 4, 1, 0.25],
      ['(missing)', 1, 0, 0],
    ]);
    expect(plan?.rows[0]?.lift).toBeCloseTo(0.4 / 0.3, 12);
    // Hand-computed in information-value.test.ts for the counts (5, 2), (4, 1), (1, 0).
    expect(plan?.iv).toBeCloseTo(0.089878, 5);
    expect(plan?.rows[2]?.woe).toBeCloseTo(-0.462624, 5);
  });

  it('bins a numeric attribute and ranks attributes by information value', () => {
    const visits = analysis.attributes.find((a) => a.name === 'visits');
    expect(visits?.kind).toBe('numeric');
    const ivs = analysis.attributes.map((a) => a.iv);
    expect(ivs).toEqual([...ivs].sort((a, b) => b - a));
    expect(analysis.attributes.map((a) => a.name)).not.toContain('id');
    expect(analysis.attributes.map((a) => a.name)).not.toContain('converted');
  });

  it('compares leads that did a behaviour at least 1 and 3 times with the rest', () => {
    const rows = analysis.behaviours.map((b) => [
      b.behaviour,
      b.atLeast,
      b.did.leads,
      b.did.conversions,
      b.didNot.leads,
      b.didNot.conversions,
    ]);
    // visits >= 1: leads 2,3,5,6,8,9 (converted 2,3,5); < 1: 1,4,7,11 (none converted).
    // visits >= 3: 3,5,9 (converted 3,5); < 3: seven leads, one converted (2).
    // demo (blank read as 0) >= 1: 3,5,9 (converted 3,5); >= 3: none.
    expect(rows).toEqual([
      ['visits', 1, 6, 3, 4, 0],
      ['visits', 3, 3, 2, 7, 1],
      ['demo', 1, 3, 2, 7, 1],
      ['demo', 3, 0, 0, 10, 3],
    ]);
    expect(analysis.behaviours[0]?.ratio).toBe(Infinity);
    expect(analysis.behaviours[1]?.ratio).toBeCloseTo(2 / 3 / (1 / 7), 12);
    expect(analysis.behaviours[1]?.lift).toBeCloseTo(2 / 3 / 0.3, 12);
  });

  it('gives leads, conversions, cost per lead and per conversion by channel', () => {
    const channel = analysis.channel;
    expect(channel?.rows).toEqual([
      expect.objectContaining({ channel: 'google', leads: 4, conversions: 2, rate: 0.5 }),
      expect.objectContaining({ channel: 'email', leads: 3, conversions: 1 }),
      expect.objectContaining({ channel: 'ads', leads: 3, conversions: 0, rate: 0 }),
    ]);
    expect(channel?.rows.map((r) => [r.cost, r.costPerLead, r.costPerConversion])).toEqual([
      [200, 50, 100],
      [30, 10, 30],
      [90, 30, undefined],
    ]);
    expect(channel?.unmatchedCosts).toEqual(['tv']);
  });

  it('counts only the --positive value as converted, in any case', () => {
    const won = analyze(dataset, { target: 'converted', positive: 'NO' });
    expect(won.overall).toMatchObject({ leads: 10, conversions: 7 });
  });
});

describe('analyze errors', () => {
  it('names the file and the columns for an unknown target column', () => {
    expect(() => analyze(dataset, { target: 'won' })).toThrow(
      'leads.csv:1: --target "won" is not a column (columns: id, source, visits, demo, plan, converted)',
    );
  });

  it('refuses a target without converters, saying which values count', () => {
    expect(() => analyze(dataset, { target: 'converted', positive: 'closed' })).toThrow(
      'leads.csv: no converted leads in column "converted" among 10 leads with an outcome ' +
        '(converted: closed (any case)); its values are no, yes, TRUE: ' +
        'name the value that means converted with --positive',
    );
    const yesNo = parseDataset('plan,won\na,N\nb,Y\na,N\n', 'yn.csv');
    expect(() => analyze(yesNo, { target: 'won' })).toThrow(
      'yn.csv: no converted leads in column "won" among 3 leads with an outcome ' +
        '(converted: yes, true, 1, converted, won (any case)); its values are N, Y: pass --positive Y',
    );
  });

  it('names file, line and column of a behaviour count that is not a number', () => {
    const bad = parseDataset('visits;y\n1;yes\nmany;no\n', 'b.csv');
    expect(() => analyze(bad, { target: 'y', behaviours: ['visits'] })).toThrow(
      'b.csv:3: visits: expected a count (a number >= 0), got "many"',
    );
  });

  it('refuses fewer than 2 bins and unknown excluded columns', () => {
    expect(() => analyze(dataset, { target: 'converted', bins: 1 })).toThrow('--bins');
    expect(() => analyze(dataset, { target: 'converted', exclude: ['nope'] })).toThrow(
      'leads.csv:1: --exclude "nope" is not a column',
    );
  });
});
