// A backtest of a predictive version: its probabilities against the active rules on the same
// leads — those with a known outcome that its training held out, so that neither is judged on
// what it learnt from. Both are read just before each outcome; the probability's segments are
// its bands. Nothing moves between segments and no capacity is planned: those are the rules'.
import type { RankedLead } from '../../analytics/model-ranking.js';
import { evaluateFit } from '../../core/fit.js';
import { trajectory } from '../../core/trajectory.js';
import { predictRows } from '../../ml/predict.js';
import type { Store } from '../../store/port.js';
import { storedDataset } from '../analytics/stored-dataset.js';
import type { PredictiveDocument } from '../predictive/predictive-document.js';
import { CompanyTraits } from '../rescore/company-traits.js';
import { replayHistories } from '../rescore/replay-histories.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { leadRecord } from '../scoring/lead-record.js';
import type { BacktestResult } from './backtest-result.js';
import { rankingOf } from './ranking-of.js';

const BANDS = ['A', 'B', 'C', 'D'];

export async function backtestPredictive(
  store: Store,
  models: ActiveModels,
  ws: string,
  candidate: { version: number; document: PredictiveDocument },
  now: number,
  onProgress?: (progress: { leads: number; total: number }) => void,
): Promise<BacktestResult> {
  const { artifact, heldOutLeads } = candidate.document;
  const { dataset, ids, found, outcomes } = await storedDataset(store, models, ws, now);
  const judged = new Set(heldOutLeads.filter((id) => outcomes.has(id)));

  const rows = ids.flatMap((id, i) => (judged.has(id) ? [{ id, row: dataset.rows[i]! }] : []));
  const predictions = predictRows(artifact, { ...dataset, rows: rows.map((r) => r.row) }, 0);
  const rankedCandidate: RankedLead[] = rows.map(({ id }, i) => ({
    converted: outcomes.get(id)!.converted,
    score: predictions[i]!.probability,
    segment: predictions[i]!.band,
  }));

  const active = await models.get(store, ws);
  const rankedActive: RankedLead[] = [];
  if (active) {
    const companies = new CompanyTraits(store, ws);
    const present = new Set([...judged].filter((id) => found.has(id)));
    await replayHistories(store, ws, [active.compiled], present, async (id, history) => {
      const { lead } = found.get(id)!;
      const record = leadRecord(lead.id, lead.traits, await companies.of(lead));
      const outcome = outcomes.get(id)!;
      const fit = evaluateFit(active.compiled, record);
      const t = trajectory(active.compiled, fit, history, lead.createdAt, outcome.at);
      rankedActive.push({
        converted: outcome.converted,
        score: t.scoreBefore!,
        segment: t.segmentBefore!,
      });
    });
  }
  onProgress?.({ leads: ids.length, total: ids.length });
  return {
    asOf: new Date(now).toISOString(),
    activeVersion: active?.version ?? null,
    candidate: {
      kind: 'predictive',
      version: candidate.version,
      name: `predictive ${artifact.model.kind} v${candidate.version}`,
    },
    leads: ids.length,
    segments: [],
    moves: [],
    moved: 0,
    ranking: rankingOf(
      'held-out known outcomes',
      { ranked: rankedCandidate, segments: BANDS },
      active && { ranked: rankedActive, scoring: active },
    ),
    capacity: null,
  };
}
