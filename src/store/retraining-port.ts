// The store methods for scheduled retraining: a workspace's schedule and the record of its runs.
import { z } from 'zod';

export const retrainingScheduleSchema = z.strictObject({
  /** Days between runs; null when retraining is off. */
  everyDays: z.number().int().positive().nullable(),
  /** The rule: a challenger is activated when its ROC AUC >= the active one's - maxAucDrop. */
  rule: z.strictObject({ maxAucDrop: z.number().min(0).max(1) }),
});
export type RetrainingSchedule = z.infer<typeof retrainingScheduleSchema>;

export const RETRAINING_DECISIONS = ['activated', 'kept', 'failed'] as const;
export type RetrainingDecision = (typeof RETRAINING_DECISIONS)[number];

export interface RetrainingRun {
  at: number;
  /** The version active before the run (null when none was). */
  activeVersion: number | null;
  /** The version trained (null when training failed). */
  challengerVersion: number | null;
  /** Both on the same held-out leads; null where not measurable. */
  activeAuc: number | null;
  challengerAuc: number | null;
  heldOut: number;
  decision: RetrainingDecision;
  reason: string;
}

export interface RetrainingMethods {
  /** The schedule with when it was last set; undefined when never set (off). */
  getRetrainingSchedule(
    ws: string,
  ): Promise<(RetrainingSchedule & { updatedAt: number }) | undefined>;
  putRetrainingSchedule(ws: string, schedule: RetrainingSchedule, now: number): Promise<void>;
  /**
   * The workspaces whose retraining is on and due at `now`: every_days have passed since the last
   * claim (or since the schedule was set when none was made).
   */
  dueRetraining(now: number): Promise<string[]>;
  /**
   * Claims the workspace's due run for the caller: true for one caller only (the run is then
   * not due again for every_days), false when it is not due or another server claimed it.
   */
  claimRetraining(ws: string, now: number): Promise<boolean>;
  /** Records a run; answers its sequence number (1, 2, ...). */
  addRetrainingRun(ws: string, run: RetrainingRun): Promise<number>;
  /** The runs, newest first. */
  listRetrainingRuns(ws: string): Promise<(RetrainingRun & { seq: number })[]>;
}
