// The readiness grade's documented thresholds and the reason a person reads.
import { describe, expect, it } from 'vitest';
import { gradeOf, readinessOf } from './readiness.js';

describe('readiness', () => {
  it('grades poor below 0.6, fair below 0.7, good below 0.8, excellent from 0.8', () => {
    expect([0.5, 0.599, 0.6, 0.699, 0.7, 0.799, 0.8, 0.95].map(gradeOf)).toEqual([
      'poor',
      'poor',
      'fair',
      'fair',
      'good',
      'good',
      'excellent',
      'excellent',
    ]);
  });

  it('an unmeasured ROC AUC is poor, and the reason says why', () => {
    expect(readinessOf(null, 'held-out')).toMatchObject({ grade: 'poor', rocAuc: null });
    expect(readinessOf(null, 'held-out').reason).toContain('could not be measured');
    expect(readinessOf(0.562, 'cross-validated').reason).toBe(
      'cross-validated ROC AUC 0.56 is below 0.6: the model ranks leads little better than chance',
    );
  });
});
