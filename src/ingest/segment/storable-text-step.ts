// Pipeline step: a message holding text that a store cannot hold (a NUL, a lone surrogate) is
// refused with the path of that key or string, before anything reads or stores it.
import { findJsonProblem } from '../json-safety.js';
import { ok, rejected, type Step } from './step.js';

export interface StorableTextOptions {
  /** Prefix of the field paths: `context` for a batch's shared context; '' for a message. */
  path?: string;
}

/**
 * Checks every key and string, however deep: nesting is the depth step's concern, and it has
 * already run, so this step never refuses a message for its depth.
 */
export function createStorableTextStep<T>(options: StorableTextOptions = {}): Step<T, T> {
  const path = options.path ?? '';
  return (value) => {
    const problem = findJsonProblem(value, { path, maxDepth: Number.POSITIVE_INFINITY });
    return problem === null
      ? ok(value)
      : rejected(problem.reason, problem.path === '' ? undefined : problem.path);
  };
}
