// Starts a backtest as a read-only background job; its result is the backtest report, also kept
// as the last what-if of the stored model version it tried (a draft's is not kept).
import type { Job, JsonObject, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { backtest, type BacktestCandidate, type BacktestOptions } from './backtest.js';

export const BACKTEST_JOB = 'backtest';

export function startBacktest(
  store: Store,
  models: ActiveModels,
  ws: string,
  candidate: BacktestCandidate,
  options: BacktestOptions,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  return startReadOnlyJob(store, ws, BACKTEST_JOB, clock, async (progress) => {
    const result = await backtest(store, models, ws, candidate, options, clock(), (p) =>
      progress(p.leads, p.total),
    );
    const report = result as unknown as JsonObject;
    if (candidate.kind === 'rules' && candidate.version !== null)
      await store.putModelWhatIf(ws, { version: candidate.version, at: clock(), result: report });
    return report;
  });
}
