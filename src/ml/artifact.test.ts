// Model artifacts: JSON round trip with identical predictions, and errors that name the field.
import { describe, expect, it } from 'vitest';
import { logisticLeads } from '../../test/ml-synthetic.js';
import { parseArtifact, serializeArtifact } from './artifact.js';
import { predictRows } from './predict.js';
import { trainModel } from './train.js';

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
