// The library's public exports: model loading, the scoring engine and its types.
export { loadModel, loadCompiledModel } from './service/load-model.js';
export { parseModel, validateModel, modelFormatOf } from './core/parse-model.js';
export { ModelError, formatProblem, type ModelProblem } from './core/model-errors.js';
export { modelSchema, type Model, type ModelInput, type Stage } from './core/model-schema.js';
export { conditionSchema, type Condition } from './core/condition-schema.js';
export { compileCondition, type Predicate } from './core/condition.js';
export { compileModel, type CompiledModel } from './core/compile-model.js';
export { evaluateFit, type FitResult } from './core/fit.js';
export { matchRules, scoringEventSchema, type ScoringEvent } from './core/event.js';
export { scoreLead } from './core/score-lead.js';
export { scoreMatches, type ScoreOptions } from './core/score-matches.js';
export type { RuleMatch } from './core/awards.js';
export {
  leadScoreSchema,
  contributionSchema,
  round2,
  type LeadScore,
  type Contribution,
} from './core/lead-score.js';
export {
  initialState,
  applyEvent,
  readState,
  withFit,
  scoreStateSchema,
  type ScoreState,
  type ApplyResult,
} from './core/score-state.js';
