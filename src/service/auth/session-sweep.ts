// Deletes expired sessions (past their absolute expiry or idle too long) at start and then every
// hour, so the sessions table holds live ones only. Idempotent: several servers may run it.
import { HourlyTask, type HourlyTaskOptions } from '../hourly-task.js';
import { sweepSessions, type SessionOptions, type SessionStore } from './sessions.js';

export function sessionSweep(
  store: SessionStore,
  options: SessionOptions & { clock: () => number } & HourlyTaskOptions,
): HourlyTask {
  return new HourlyTask(() => sweepSessions(store, options.clock(), options), options);
}
