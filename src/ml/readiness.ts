// The readiness grade of a trained model from its held-out (or cross-validated) ROC AUC, as
// Dynamics 365 grades predictive scoring: poor < 0.6 <= fair < 0.7 <= good < 0.8 <= excellent.
import { z } from 'zod';

export const READINESS_GRADES = ['poor', 'fair', 'good', 'excellent'] as const;
export const readinessGradeSchema = z.enum(READINESS_GRADES);
export type ReadinessGrade = z.infer<typeof readinessGradeSchema>;

/** Least ROC AUC of fair, good and excellent. */
export const READINESS_THRESHOLDS = { fair: 0.6, good: 0.7, excellent: 0.8 } as const;

export const readinessSchema = z.strictObject({
  grade: readinessGradeSchema,
  /** The ROC AUC graded; null when it could not be measured (then the grade is poor). */
  rocAuc: z.number().nullable(),
  basis: z.enum(['held-out', 'cross-validated']),
  /** One sentence a person reads: why this grade, and what a poor grade means. */
  reason: z.string(),
});
export type Readiness = z.infer<typeof readinessSchema>;

export function gradeOf(rocAuc: number | null): ReadinessGrade {
  if (rocAuc === null || rocAuc < READINESS_THRESHOLDS.fair) return 'poor';
  if (rocAuc < READINESS_THRESHOLDS.good) return 'fair';
  if (rocAuc < READINESS_THRESHOLDS.excellent) return 'good';
  return 'excellent';
}

export function readinessOf(rocAuc: number | null, basis: Readiness['basis']): Readiness {
  const grade = gradeOf(rocAuc);
  const where = basis === 'held-out' ? 'held-out' : 'cross-validated';
  if (rocAuc === null) {
    return {
      grade,
      rocAuc,
      basis,
      reason: `the ${where} ROC AUC could not be measured (the leads evaluated lack a converter or a non-converter), so the model's ranking is unproven`,
    };
  }
  const auc = rocAuc.toFixed(2);
  const reason =
    grade === 'poor'
      ? `${where} ROC AUC ${auc} is below ${READINESS_THRESHOLDS.fair}: the model ranks leads little better than chance`
      : `${where} ROC AUC ${auc}`;
  return { grade, rocAuc, basis, reason };
}
