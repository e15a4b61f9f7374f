// Model artifacts: JSON round trip with identical predictions, and errors that name the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logisticLeads } from '../../test/ml-synthetic.js';
import { parseArtifact, serializeArtifact } from './artifact.js';
import { predictRows, type Factor, type Prediction } from './predict.js';
import type { Dataset } from './read-dataset.js';
import { trainModel } from './train.js';

/**
 * Artifacts made before `NA`, `-`, `?`... were read as missing (only blank was), with the
 * predictions they made then: `plan` has the levels `NA` and `-`, and the rows to score hold
 * them and other spellings of missing.
 */
const before = JSON.parse(
  readFileSync(new URL('testdata/artifacts-v1-blank-missing.json', import.meta.url), 'utf8'),
) as {
  columns: string[];
  rows: string[][];
  models: { artifact: unknown; predictions: Prediction[] }[];
};

const data = logisticLeads(1_500, 9, 0.1);
const models = {
  lr: trainModel(data.dataset, { target: 'converted', kind: 'lr' }),
  gbdt: trainModel(data.dataset, { target: 'converted', kind: 'gbdt' }),
};

describe('model artifact', () => {
  it.each(['lr', 'gbdt'] as const)(
    '%s: round-trips through JSON with the same predictions',
    (kind) => {
      const artifact = models[kind];
      const loaded = parseArtifact(serializeArtifact(artifact), 'm.json');
      expect(loaded).toEqual(artifact);
      expect(loaded.format).toBe('leadscore-predictive');
      expect(loaded.version).toBe(1);
      expect(predictRows(loaded, data.dataset)).toEqual(predictRows(artifact, data.dataset));
    },
  );

  it('predicts with an artifact made before missing spellings exactly as it did then', () => {
    const dataset: Dataset = {
      source: 'old.csv',
      columns: before.columns,
      rows: before.rows,
      lines: before.rows.map((_, i) => i + 2),
      rejects: [],
      order: before.rows.map((_, i) => ({ row: i })),
    };
    expect(
      before.models.map((m) => (m.artifact as { model: { kind: string } }).model.kind),
    ).toEqual(['lr', 'gbdt']);
    for (const { artifact, predictions } of before.models) {
      const loaded = parseArtifact(JSON.stringify(artifact), 'old.json');
      expect(loaded.encoding.missingValues).toBeUndefined();
      const asThen = (factors: Factor[]) =>
        factors.map((f) => ({ label: f.label, contribution: f.contribution }));
      const now = predictRows(loaded, dataset).map((p) => ({
        ...p,
        up: asThen(p.up),
        down: asThen(p.down),
      }));
      expect(now).toEqual(predictions);
    }
  });

  it('names the field that is wrong', () => {
    const bad = (edit: (json: Record<string, unknown>) => void) => {
      const json = JSON.parse(serializeArtifact(models.gbdt)) as Record<string, unknown>;
      edit(json);
      return () => parseArtifact(JSON.stringify(json), 'm.json');
    };
    expect(bad((j) => (j.version = 2))).toThrow(
      /m\.json: not a valid leadscore model artifact\n {2}version: /,
    );
    expect(bad((j) => delete j.bands)).toThrow(/\n {2}bands: /);
    expect(
      bad((j) => ((j.encoding as { columns: { mean?: unknown }[] }).columns[0]!.mean = 'x')),
    ).toThrow(/\n {2}encoding\.columns\[0\]/);
    expect(
      bad((j) => ((j.model as { trees: { column?: number }[][] }).trees[0]![0]!.column = 99)),
    ).toThrow('model.trees[0][0].column: no encoded column 99');
    expect(() => parseArtifact('{"format":', 'm.json')).toThrow(/m\.json: .*\n {2}not JSON/);
  });

  it('checks a linear model has one coefficient per feature', () => {
    const json = JSON.parse(serializeArtifact(models.lr)) as { model: { coefficients: number[] } };
    json.model.coefficients.pop();
    expect(() => parseArtifact(JSON.stringify(json), 'm.json')).toThrow(
      /model\.coefficients: expected \d+ entries \(one per feature\), got \d+/,
    );
  });
});
