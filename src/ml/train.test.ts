// Training end to end in memory: the report, bands, options, and the minimum-data refusal.
import { describe, expect, it } from 'vitest';
import { logisticLeads } from '../../test/ml-synthetic.js';
import type { Dataset } from './read-dataset.js';
import { predictRows } from './predict.js';
import { MlError } from './errors.js';
import { trainModel } from './train.js';

function withOutcomes(converted: number, notConverted: number): Dataset {
  const rows = [
    ...Array.from({ length: converted }, (_, i) => [`c${i}`, String(i % 10), 'won']),
    ...Array.from({ length: notConverted }, (_, i) => [`n${i}`, String(i % 7), 'lost']),
  ];
  return {
    source: 'few.csv',
    columns: ['id', 'score', 'stage'],
    rows,
    lines: rows.map((_, i) => i + 2),
    rejects: [],
    order: rows.map((_, i) => ({ row: i })),
  };
}

describe('trainModel', () => {
  it('refuses below 40 converted and 40 not, saying how many more are needed', () => {
    expect(() => trainModel(withOutcomes(12, 300), { target: 'stage', kind: 'lr' })).toThrow(
      'not enough outcomes in "stage" to train: 12 converted and 300 not converted; at least 40 ' +
        'of each are needed, so 28 more converted leads with known outcomes',
    );
    expect(() => trainModel(withOutcomes(39, 1), { target: 'stage', kind: 'gbdt' })).toThrow(
      'so 1 more converted and 39 more not converted leads with known outcomes',
    );
    expect(() => trainModel(withOutcomes(40, 40), { target: 'stage', kind: 'lr' })).not.toThrow();
  });

  it('counts yes, true, 1, converted, won in any case as converted unless --positive says', () => {
    const d = withOutcomes(50, 50);
    d.rows[0]![2] = 'WON';
    const artifact = trainModel(d, { target: 'stage', kind: 'lr' });
    expect(artifact.report.train.converted + artifact.report.holdout.converted).toBe(50);
    const flipped = trainModel(d, { target: 'stage', kind: 'lr', positive: 'LOST' });
    expect(flipped.target.positive).toEqual(['LOST']);
    expect(flipped.report.train.converted + flipped.report.holdout.converted).toBe(50);
    expect(() => trainModel(d, { target: 'nope', kind: 'lr' })).toThrow('--target "nope"');
    expect(() => trainModel(d, { target: 'stage', kind: 'lr', exclude: ['x'] })).toThrow(
      '--exclude "x"',
    );
  });

  it('names the values of a target nothing in which counts as converted, and the --positive', () => {
    const d = withOutcomes(50, 50);
    for (const row of d.rows) row[2] = row[2] === 'won' ? 'Y' : 'N';
    expect(() => trainModel(d, { target: 'stage', kind: 'lr' })).toThrow(
      new MlError('invalid_target', 'target "stage" has values Y, N: pass --positive Y'),
    );
    expect(() => trainModel(d, { target: 'stage', kind: 'lr', positive: 'won' })).toThrow(
      'target "stage" has values Y, N, none of them "won": pass --positive Y',
    );
    d.rows.forEach((row, i) => (row[2] = ['a', 'b', 'c'][i % 3]!));
    expect(() => trainModel(d, { target: 'stage', kind: 'lr' })).toThrow(
      'target "stage" has values a, b, c: name the value that means converted with --positive',
    );
  });

  it('reports on the held-out rows, leaves out ids, and fits bands A-D', () => {
    const s = logisticLeads(3_000, 5);
    s.dataset.rows[7]![4] = '';
    const artifact = trainModel(s.dataset, { target: 'converted', kind: 'gbdt' });
    const r = artifact.report;
    expect(r.unlabelled).toBe(1);
    expect(r.train.rows + r.holdout.rows).toBe(2_999);
    expect(r.holdout.rows).toBeGreaterThan(500);
    expect(r.excluded).toEqual(['id']);
    expect(r.metrics.rocAuc).toBeGreaterThan(0.7);
    expect(r.calibration).toHaveLength(10);
    expect(r.influential[0]?.column).toBe('x1');
    expect(artifact.bands.map((b) => b.band)).toEqual(['A', 'B', 'C', 'D']);
    const mins = artifact.bands.map((b) => b.min);
    expect([...mins].sort((a, b) => b - a)).toEqual(mins);
    const predictions = predictRows(artifact, s.dataset);
    const shareA = predictions.filter((p) => p.band === 'A').length / predictions.length;
    expect(shareA).toBeGreaterThan(0.07);
    expect(shareA).toBeLessThan(0.13);
    // Factors: the strongest pushes each way, labelled with the lead's value.
    const top = predictions[0]!;
    expect(top.up.length + top.down.length).toBeGreaterThan(0);
    for (const f of top.up) expect(f.contribution).toBeGreaterThan(0);
    for (const f of top.down) expect(f.contribution).toBeLessThan(0);
    expect(top.up[0]?.label ?? top.down[0]?.label).toMatch(/^(x1|x2|segment)=/);
    expect(top.up[0]?.text ?? top.down[0]?.text).toMatch(/^(unknown )?(x1|x2|segment)( is |$)/);
  });

  it('reads NA and the like as missing, warns of odd values and leaves out numeric ids', () => {
    const s = logisticLeads(1_000, 8);
    s.dataset.columns[0] = 'lead_no';
    s.dataset.rows.forEach((row, i) => {
      row[0] = String(5_000 + i);
      if (i % 10 === 0) row[2] = ['NA', 'null', '-', '?'][i % 4]!;
      if (i === 3) row[1] = 'oops';
    });
    const artifact = trainModel(s.dataset, { target: 'converted', kind: 'lr' });
    const byName = new Map(artifact.encoding.columns.map((c) => [c.name, c]));
    expect(byName.get('x2')).toMatchObject({ type: 'numeric', missing: true });
    // x1's 999 distinct numbers, read as categories, would be 999 levels: left out.
    expect(byName.has('x1')).toBe(false);
    expect(byName.has('lead_no')).toBe(false);
    expect(artifact.report.excluded).toEqual(['lead_no', 'x1']);
    expect(artifact.report.warnings).toEqual([
      'column "lead_no" looks like an identifier (unique per row): left out',
      expect.stringMatching(
        /^column "x1" is left out, not read as numbers, because of 1 value .*"oops" \(1 row\)/,
      ),
    ]);
  });

  it('names missing columns when predicting', () => {
    const s = logisticLeads(400, 6);
    const artifact = trainModel(s.dataset, { target: 'converted', kind: 'lr' });
    const lacking = { ...s.dataset, columns: ['id', 'x1', 'other', 'segment', 'converted'] };
    expect(() => predictRows(artifact, lacking)).toThrow(
      'synthetic.csv:1: missing column "x2" the model was trained with',
    );
  });
});
