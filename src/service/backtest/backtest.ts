// A backtest of a candidate model over the stored history, before anyone publishes it: each lead
// is replayed under the candidate (and the active model), nothing is written. It reports how
// many leads would move between which segments, how both models rank the leads whose outcome is
// known (scored just before the outcome, so the purchase itself does not count), and the
// threshold that fills a sales capacity.
import { capacityPlan, type CapacityLead } from '../../analytics/capacity-threshold.js';
import type { RankedLead } from '../../analytics/model-ranking.js';
import type { CompiledModel } from '../../core/compile-model.js';
import { evaluateFit } from '../../core/fit.js';
import { readState } from '../../core/score-state.js';
import { trajectory } from '../../core/trajectory.js';
import type { Store } from '../../store/port.js';
import { CompanyTraits } from '../rescore/company-traits.js';
import { findLeads } from '../rescore/found-leads.js';
import { PreviousScores } from '../rescore/model-change.js';
import { replayHistories } from '../rescore/replay-histories.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { leadRecord } from '../scoring/lead-record.js';
import type { PredictiveDocument } from '../predictive/predictive-document.js';
import { backtestPredictive } from './backtest-predictive.js';
import type { BacktestResult } from './backtest-result.js';
import { knownOutcomes } from './known-outcomes.js';
import { rankingOf } from './ranking-of.js';

export type BacktestCandidate =
  | {
      kind: 'rules';
      /** The stored version, or null for a draft that was never uploaded. */
      version: number | null;
      compiled: CompiledModel;
    }
  | { kind: 'predictive'; version: number; document: PredictiveDocument };

export interface BacktestOptions {
  /** Sales capacity in leads a week; without it no threshold is planned. */
  capacityPerWeek?: number;
  /** The recent window the weekly flow is measured over (default 12). */
  weeks?: number;
}

export interface BacktestProgress {
  leads: number;
  total: number;
}

export const DEFAULT_WEEKS = 12;

export async function backtest(
  store: Store,
  models: ActiveModels,
  ws: string,
  candidate: BacktestCandidate,
  options: BacktestOptions,
  now: number,
  onProgress?: (progress: BacktestProgress) => void,
): Promise<BacktestResult> {
  await store.analyze();
  if (candidate.kind === 'predictive')
    return backtestPredictive(store, models, ws, candidate, now, onProgress);
  const active = await models.get(store, ws);
  const found = await findLeads(store, ws, new PreviousScores(models, ws, now));
  const outcomes = await knownOutcomes(store, ws, [...found.keys()]);
  const companies = new CompanyTraits(store, ws);
  const compiledModels = active ? [candidate.compiled, active.compiled] : [candidate.compiled];

  const moves = new Map<string, { from: string | null; to: string; count: number }>();
  const rankedCandidate: RankedLead[] = [];
  const rankedActive: RankedLead[] = [];
  const capacityLeads: CapacityLead[] = [];
  let done = 0;

  await replayHistories(store, ws, compiledModels, new Set(found.keys()), async (id, history) => {
    const { lead, previous, manual } = found.get(id)!;
    const record = leadRecord(lead.id, lead.traits, await companies.of(lead));
    const outcome = outcomes.get(id);
    const replay = (compiled: CompiledModel) =>
      trajectory(compiled, evaluateFit(compiled, record), history, lead.createdAt, outcome?.at);

    const next = replay(candidate.compiled);
    const asOf = Math.max(now, next.state.lastEventTime ?? now);
    const to = readState(candidate.compiled, { ...next.state, manual }, asOf).segment;
    const from = previous?.segment ?? null;
    const key = `${from}\u0000${to}`;
    const move = moves.get(key);
    if (move) move.count++;
    else moves.set(key, { from, to, count: 1 });

    const untilOutcome = outcome ? next.highs.filter((h) => h.time < outcome.at) : next.highs;
    capacityLeads.push({
      highTimes: untilOutcome.map((h) => h.time),
      highScores: untilOutcome.map((h) => h.score),
      ...(outcome ? { converted: outcome.converted } : {}),
    });
    if (outcome) {
      const ranked = (t: typeof next): RankedLead => ({
        converted: outcome.converted,
        score: t.scoreBefore!,
        segment: t.segmentBefore!,
      });
      rankedCandidate.push(ranked(next));
      if (active) rankedActive.push(ranked(replay(active.compiled)));
    }
    done++;
    if (done % 1000 === 0) onProgress?.({ leads: done, total: found.size });
  });
  onProgress?.({ leads: done, total: found.size });

  const segments = candidate.compiled.segments.map((s) => s.id);
  const order = (s: string | null) => (s === null ? -1 : segments.indexOf(s));
  const moveList = [...moves.values()].sort(
    (a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to),
  );
  const weeks = options.weeks ?? DEFAULT_WEEKS;
  return {
    asOf: new Date(now).toISOString(),
    activeVersion: active?.version ?? null,
    candidate: { kind: 'rules', version: candidate.version, name: candidate.compiled.model.name },
    leads: found.size,
    segments,
    moves: moveList,
    moved: moveList.filter((m) => m.from !== m.to).reduce((n, m) => n + m.count, 0),
    ranking: rankingOf(
      'known outcomes',
      { ranked: rankedCandidate, segments },
      active && { ranked: rankedActive, scoring: active },
    ),
    capacity:
      options.capacityPerWeek === undefined
        ? null
        : capacityPlan(capacityLeads, options.capacityPerWeek, weeks, now),
  };
}
