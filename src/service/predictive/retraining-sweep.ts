// The server's periodic retraining: each round (once at start, then hourly) runs every workspace
// whose schedule is due. Every server sharing a database runs the round; the store's claim lets
// one server only run a given due retraining, and makes it not due again for its period.
import type { Store } from '../../store/port.js';
import { HourlyTask, type HourlyTaskOptions } from '../hourly-task.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { runRetraining } from './retraining.js';

/** Runs the retraining of every due workspace this caller claims; answers how many ran. */
export async function retrainDue(store: Store, models: ActiveModels, now: number): Promise<number> {
  let ran = 0;
  for (const ws of await store.dueRetraining(now)) {
    if (!(await store.claimRetraining(ws, now))) continue;
    const schedule = await store.getRetrainingSchedule(ws);
    if (!schedule) continue;
    await runRetraining(store, models, ws, schedule.rule, now);
    ran++;
  }
  return ran;
}

export function retrainingSweep(
  store: Store,
  models: ActiveModels,
  options: { clock: () => number } & HourlyTaskOptions,
): HourlyTask {
  return new HourlyTask(() => retrainDue(store, models, options.clock()), options);
}
