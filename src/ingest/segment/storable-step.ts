// Pipeline step: a message nested too deep, or holding text that a store cannot hold (a NUL, a
// lone surrogate), is refused before anything serialises, reads or stores it. One walk of the
// value checks both: this runs on every ingested message.
import { findJsonProblem, MAX_JSON_DEPTH } from '../json-safety.js';
import { ok, rejected, type Step } from './step.js';

export interface StorableOptions {
  maxDepth?: number;
}

/**
 * Text is refused with the path of its key or string; nesting is refused for the whole value
 * (a path 64 levels long would say nothing more).
 */
export function createStorableStep<T>(options: StorableOptions = {}): Step<T, T> {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  return (value) => {
    const problem = findJsonProblem(value, { maxDepth });
    if (problem === null) return ok(value);
    return problem.kind === 'depth' || problem.path === ''
      ? rejected(problem.reason)
      : rejected(problem.reason, problem.path);
  };
}
