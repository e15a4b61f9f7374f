// A scoring thread of a batch run: scores a range of leads and hands back compact scores.
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from '../../core/compile-model.js';
import type { Model } from '../../core/model-schema.js';
import { compactScores, storeScore, type CompactScores } from './compact-scores.js';
import { EventTable, type GroupedEvents, type LeadEventCounts } from './event-table.js';
import type { FitColumns } from './lead-table.js';
import { scoreRange } from './score-range.js';

export interface ScoreWorkerInput {
  model: Model;
  fits: FitColumns;
  events: GroupedEvents;
  from: number;
  to: number;
  asOf: number;
}

export interface ScoreWorkerResult {
  scores: CompactScores;
  counts: LeadEventCounts;
}

const input = workerData as ScoreWorkerInput;
const compiled = compileModel(input.model);
const scores = compactScores(compiled, input.from, input.to - input.from);
const counts: LeadEventCounts = { duplicates: 0, afterAsOf: 0, unmatched: 0, matched: 0 };
await scoreRange(
  compiled,
  input.fits,
  EventTable.fromGrouped(input.events),
  { from: input.from, to: input.to, asOf: input.asOf, explain: false },
  counts,
  (lead, score) => storeScore(compiled, scores, lead - input.from, score),
);
const { score, fit, engagement, grade, segment, categories } = scores;
const result: ScoreWorkerResult = { scores, counts };
parentPort?.postMessage(
  result,
  [score, fit, engagement, grade, segment, categories].map((a) => a.buffer as ArrayBuffer),
);
