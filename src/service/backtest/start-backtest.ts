// Starts a backtest as a read-only background job; its result is the backtest report.
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
    return result as unknown as JsonObject;
  });
}
