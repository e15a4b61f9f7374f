// Refitting on every labelled row: the saved model learns from all of them, the report keeps
// the held-out model's figures and says how many rows the saved model learnt from.
import { describe, expect, it } from 'vitest';
import { logisticLeads, ruleLeads } from '../../test/ml-synthetic.js';
import { fitBands } from './bands.js';
import { encodeRows } from './encoding.js';
import { predictModel } from './explain.js';
import { BOOST_DEFAULTS } from './gbdt.js';
import { isHeldOut } from './holdout.js';
import { fitLogistic } from './logistic-regression.js';
import { scaledTrees } from './refit.js';
import { trainModel } from './train.js';

describe('scaledTrees', () => {
  it('scales the chosen count by all rows over the rows early stopping learnt from', () => {
    // 800 training rows less a tenth for validation = 720 rows learnt from; 1,000 rows in all.
    expect(scaledTrees(72, 800, 1_000)).toBe(100);
    expect(scaledTrees(1, 800, 800)).toBe(1);
  });
  it('keeps at least one tree and at most the cap early stopping had', () => {
    expect(scaledTrees(BOOST_DEFAULTS.maxIterations, 800, 1_000)).toBe(
      BOOST_DEFAULTS.maxIterations,
    );
    expect(scaledTrees(0, 800, 1_000)).toBe(1);
  });
});

describe('trainModel refits on every labelled row', () => {
  for (const [kind, data] of [
    ['lr', () => logisticLeads(2_000, 31, 0.1)],
    ['gbdt', () => ruleLeads(2_000, 32)],
  ] as const) {
    it(`${kind}: held-out figures of the held-out model, a saved model fitted on all rows`, () => {
      const s = data();
      const heldOut = trainModel(s.dataset, { target: 'converted', kind, refit: false });
      const saved = trainModel(s.dataset, { target: 'converted', kind });
      const { train, holdout } = saved.report;
      expect(saved.report.refit).toEqual({
        rows: train.rows + holdout.rows,
        converted: train.converted + holdout.converted,
      });
      expect(heldOut.report.refit).toBeUndefined();
      // The figures are those of the model evaluated on the held-out rows, not the saved one.
      expect({ ...saved.report, refit: undefined }).toEqual({
        ...heldOut.report,
        refit: undefined,
      });
      expect(saved.model).not.toEqual(heldOut.model);

      // Bands: the shares of the saved model's probabilities over every labelled row.
      const positions = saved.encoding.columns.map((c) => s.dataset.columns.indexOf(c.name));
      const matrix = encodeRows(saved.encoding, s.dataset.rows, positions);
      expect(saved.bands).toEqual(fitBands(predictModel(saved.model, saved.encoding, matrix)));

      if (saved.model.kind === 'lr' && heldOut.model.kind === 'lr') {
        // Training rows then held-out rows, the order trainModel fits them in.
        const ordered = [
          ...s.dataset.rows.filter((_, i) => !isHeldOut(i)),
          ...s.dataset.rows.filter((_, i) => isHeldOut(i)),
        ];
        const labels = Uint8Array.from(ordered, (row) => (row[4] === 'yes' ? 1 : 0));
        const all = encodeRows(saved.encoding, ordered, positions);
        const { c, ...fitted } = fitLogistic(saved.encoding, all, labels);
        expect(saved.model).toEqual({ kind: 'lr', c, ...fitted });
      }
      if (saved.model.kind === 'gbdt' && heldOut.model.kind === 'gbdt') {
        expect(saved.model.trees.length).toBe(
          scaledTrees(heldOut.model.trees.length, train.rows, s.dataset.rows.length),
        );
        expect(saved.model.learningRate).toBe(heldOut.model.learningRate);
      }
    });
  }
});
