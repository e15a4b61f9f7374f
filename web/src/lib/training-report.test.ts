// Reading training reports of either shape, leaving out what is missing.
import { describe, expect, it } from 'vitest';
import { trainingReport } from './training-report';

describe('trainingReport', () => {
  it('reads the contract shape', () => {
    const report = trainingReport({
      version: 3,
      metrics: { auc: 0.8, prAuc: 0.4, logLoss: 0.3, brier: 0.1, liftTop10: 2.5 },
      roc: [
        { fpr: 0, tpr: 0 },
        { fpr: 1, tpr: 1 },
      ],
      topFeatures: [{ feature: 'title', importance: 0.7 }],
    });
    expect(report.version).toBe(3);
    expect(report.metrics?.auc).toBe(0.8);
    expect(report.roc).toHaveLength(2);
    expect(report.topFeatures).toEqual([{ feature: 'title', importance: 0.7 }]);
    expect(report.calibration).toBeUndefined();
  });

  it("reads the trainer's nested shape", () => {
    const report = trainingReport({
      version: 1,
      report: {
        metrics: { rocAuc: 0.62, prAuc: 0.24, logLoss: 0.55, brier: 0.14, liftTop10: 1.26 },
        calibration: [{ from: 0, to: 0.1, count: 19, predicted: 0.05, observed: 0.1 }],
        influential: [{ column: 'country', meanAbsContribution: 0.3 }],
      },
      lift: [{ fraction: 0.1, lift: 1.26, gain: 0.13 }],
    });
    expect(report.metrics?.auc).toBe(0.62);
    expect(report.calibration).toEqual([{ predicted: 0.05, observed: 0.1, count: 19 }]);
    expect(report.topFeatures).toEqual([{ feature: 'country', importance: 0.3 }]);
    expect(report.lift).toEqual([{ fraction: 0.1, lift: 1.26 }]);
    expect(report.roc).toBeUndefined();
  });

  it('gives nothing for an answer it cannot read', () => {
    expect(trainingReport(null)).toEqual({});
  });

  it('reads the readiness grade and the cross-validated spread', () => {
    const report = trainingReport({
      version: 2,
      readiness: {
        grade: 'poor',
        rocAuc: 0.55,
        basis: 'cross-validated',
        reason: 'cross-validated ROC AUC 0.55 is below 0.6',
      },
      report: {
        metrics: { rocAuc: 0.55 },
        crossValidation: { folds: 5, seed: 18, rows: 90, converted: 45, rocAuc: { sd: 0.07 } },
      },
    });
    expect(report.readiness).toEqual({
      grade: 'poor',
      rocAuc: 0.55,
      basis: 'cross-validated',
      reason: 'cross-validated ROC AUC 0.55 is below 0.6',
    });
    expect(report.crossValidation).toEqual({ folds: 5, rows: 90, sd: 0.07 });
    expect(trainingReport({ readiness: { grade: 'great' } }).readiness).toBeUndefined();
  });
});
