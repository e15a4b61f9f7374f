// A workspace's retraining schedule as the API shows it (off until set) and its recorded runs.
import type { RetrainingRun, RetrainingSchedule, Store } from '../../store/port.js';

/** What a run decided, for the API's schema. */
export { RETRAINING_DECISIONS } from '../../store/port.js';

export const OFF: RetrainingSchedule = { everyDays: null, rule: { maxAucDrop: 0 } };

export async function getSchedule(
  store: Store,
  ws: string,
): Promise<RetrainingSchedule & { updatedAt: number | null }> {
  return (await store.getRetrainingSchedule(ws)) ?? { ...OFF, updatedAt: null };
}

export async function putSchedule(
  store: Store,
  ws: string,
  schedule: RetrainingSchedule,
  now: number,
): Promise<RetrainingSchedule & { updatedAt: number }> {
  await store.putRetrainingSchedule(ws, schedule, now);
  return { ...schedule, updatedAt: now };
}

/** Newest first. */
export function listRetrainingRuns(
  store: Store,
  ws: string,
): Promise<(RetrainingRun & { seq: number })[]> {
  return store.listRetrainingRuns(ws);
}
