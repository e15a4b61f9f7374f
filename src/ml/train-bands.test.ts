// Band cut-offs from the probabilities alone: the same bands, cut-offs, probabilities and report
// as when training explained every training row (values captured from that code); above
// EXPLAINED_ROWS held-out rows the influential columns rest on an evenly spaced sample.
import { describe, expect, it } from 'vitest';
import { logisticLeads, ruleLeads } from '../../test/ml-synthetic.js';
import { fitBands } from './bands.js';
import { encodeRows, selectRows } from './encoding.js';
import { explainModel, predictModel } from './explain.js';
import { isHeldOut } from './holdout.js';
import { predictRows } from './predict.js';
import { rocAuc } from './metrics.js';
import { EXPLAINED_ROWS, trainModel } from './train.js';

const CASES = [
  {
    kind: 'lr' as const,
    data: () => logisticLeads(2_000, 21, 0.1),
    mins: [0.6948973311736961, 0.4566022066189456, 0.22993658272814668, 0],
    probabilities: [
      0.3034757337043255, 0.23578904974218926, 0.2560955813701472, 0.22614817809859936,
    ],
    influential: [
      { column: 'x1', meanAbsContribution: 0.8220439683255573 },
      { column: 'segment', meanAbsContribution: 0.5972009514169794 },
      { column: 'x2', meanAbsContribution: 0.3189482278054125 },
    ],
  },
  {
    kind: 'gbdt' as const,
    data: () => ruleLeads(2_000, 22),
    // Captured again when the learning rate went from 0.1 to 0.05.
    mins: [0.8538565053051793, 0.1216941267847104, 0.05321284941597654, 0],
    probabilities: [
      0.06718395870497326, 0.034380127412378066, 0.051013644138746726, 0.030102118665190376,
    ],
    influential: [
      { column: 'x2', meanAbsContribution: 1.092790036892711 },
      { column: 'segment', meanAbsContribution: 0.9008970416452273 },
      { column: 'x1', meanAbsContribution: 0.6487949776013846 },
    ],
  },
];

describe('band cut-offs without explanations', () => {
  for (const c of CASES) {
    it(`${c.kind}: the same bands, cut-offs, probabilities and influential columns as before`, () => {
      const s = c.data();
      // The model the held-out figures describe, as before refitting on every row.
      const artifact = trainModel(s.dataset, {
        target: 'converted',
        kind: c.kind,
        refit: false,
      });
      expect(artifact.bands).toEqual(
        ['A', 'B', 'C', 'D'].map((band, i) => ({ band, min: c.mins[i] })),
      );
      const predictions = predictRows(artifact, s.dataset);
      expect([0, 1, 2, 1_999].map((i) => predictions[i]!.probability)).toEqual(c.probabilities);
      expect(artifact.report.influential.slice(0, 3)).toEqual(c.influential);

      // The cut-offs are those of the explained training rows' probabilities, exactly.
      const columns = artifact.encoding.columns;
      const positions = columns.map((col) => s.dataset.columns.indexOf(col.name));
      const train = encodeRows(
        artifact.encoding,
        s.dataset.rows.filter((_, i) => !isHeldOut(i)),
        positions,
      );
      const explained = explainModel(artifact.model, artifact.encoding, train).probabilities;
      expect(fitBands(explained)).toEqual(artifact.bands);
      expect(predictModel(artifact.model, artifact.encoding, train)).toEqual(explained);

      // Without factors, the same probabilities and bands, and no factor.
      const bare = predictRows(artifact, s.dataset, 0);
      expect(bare.map((p) => p.probability)).toEqual(predictions.map((p) => p.probability));
      expect(bare.map((p) => p.band)).toEqual(predictions.map((p) => p.band));
      expect(bare.every((p) => p.up.length === 0 && p.down.length === 0)).toBe(true);
    });
  }
});

describe('influential columns on many held-out rows', () => {
  it('explains EXPLAINED_ROWS evenly spaced held-out rows; the metrics use every row', () => {
    const s = logisticLeads(5 * EXPLAINED_ROWS + 5_000, 23);
    const artifact = trainModel(s.dataset, { target: 'converted', kind: 'lr', refit: false });
    const columns = artifact.encoding.columns;
    const positions = columns.map((col) => s.dataset.columns.indexOf(col.name));
    const heldOut = s.dataset.rows.filter((_, i) => isHeldOut(i));
    expect(artifact.report.holdout.rows).toBe(heldOut.length);
    expect(heldOut.length).toBeGreaterThan(EXPLAINED_ROWS);
    const matrix = encodeRows(artifact.encoding, heldOut, positions);
    const labels = Uint8Array.from(heldOut, (row) => (row[4] === 'yes' ? 1 : 0));
    const all = explainModel(artifact.model, artifact.encoding, matrix);
    expect(artifact.report.metrics.rocAuc).toBe(rocAuc(labels, all.probabilities));

    const meanAbs = (rows: Float64Array[]) =>
      columns
        .map((col, c) => ({
          column: col.name,
          meanAbsContribution: rows.reduce((t, r) => t + Math.abs(r[c]!), 0) / rows.length,
        }))
        .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution);
    const spaced = Array.from({ length: EXPLAINED_ROWS }, (_, k) =>
      Math.floor((k * heldOut.length) / EXPLAINED_ROWS),
    );
    const sampled = explainModel(artifact.model, artifact.encoding, selectRows(matrix, spaced));
    expect(artifact.report.influential).toEqual(meanAbs(sampled.contributions));
    expect(artifact.report.influential).not.toEqual(meanAbs(all.contributions));
    // A sample this size gives the same order and near the same means.
    const exact = meanAbs(all.contributions);
    expect(artifact.report.influential.map((f) => f.column)).toEqual(exact.map((f) => f.column));
    artifact.report.influential.forEach((f, i) =>
      expect(f.meanAbsContribution).toBeCloseTo(exact[i]!.meanAbsContribution, 1),
    );
  });
});
