// Fit: the sum of the points of every criterion whose condition holds for the lead.
import type { CompiledModel } from './compile-model.js';

export interface FitResult {
  fit: number;
  /** Indexes of the criteria that hold, in model order. */
  matched: number[];
}

export function evaluateFit(compiled: CompiledModel, lead: unknown): FitResult {
  let fit = 0;
  const matched: number[] = [];
  for (const criterion of compiled.criteria) {
    if (criterion.when(lead)) {
      fit += criterion.points;
      matched.push(criterion.index);
    }
  }
  return { fit, matched };
}
