// Contract: a workspace's retraining schedule (off until set, replaced when set again) and its
// runs, numbered in the order they were recorded, listed newest first, kept to their workspace.
import { describe, expect, it } from 'vitest';
import type { RetrainingRun } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const run = (fields: Partial<RetrainingRun> = {}): RetrainingRun => ({
  at: T0,
  activeVersion: 1,
  challengerVersion: 2,
  activeAuc: 0.71,
  challengerAuc: 0.7325,
  heldOut: 120,
  decision: 'activated',
  reason: 'challenger ROC AUC 0.7325 >= active 0.7100 - 0',
  ...fields,
});

export function retrainingContract(makeStore: MakeStore): void {
  describe('retraining', () => {
    const ctx = useContext(makeStore);

    it('keeps one schedule per workspace, replaced when set again', async () => {
      const { store, ws } = ctx();
      expect(await store.getRetrainingSchedule(ws)).toBeUndefined();
      await store.putRetrainingSchedule(ws, { everyDays: 14, rule: { maxAucDrop: 0.005 } }, T0);
      expect(await store.getRetrainingSchedule(ws)).toEqual({
        everyDays: 14,
        rule: { maxAucDrop: 0.005 },
        updatedAt: T0,
      });
      await store.putRetrainingSchedule(ws, { everyDays: null, rule: { maxAucDrop: 0 } }, T0 + 1);
      expect(await store.getRetrainingSchedule(ws)).toEqual({
        everyDays: null,
        rule: { maxAucDrop: 0 },
        updatedAt: T0 + 1,
      });
    });

    it('is due every so many days after the last claim, claimed once', async () => {
      const { store, ws } = ctx();
      const DAY = 86_400_000;
      const due = async (now: number) => (await store.dueRetraining(now)).includes(ws);
      expect(await due(T0 + 100 * DAY)).toBe(false);
      expect(await store.claimRetraining(ws, T0 + 100 * DAY)).toBe(false);
      await store.putRetrainingSchedule(ws, { everyDays: 14, rule: { maxAucDrop: 0 } }, T0);
      expect(await due(T0 + 14 * DAY - 1)).toBe(false);
      expect(await store.claimRetraining(ws, T0 + 14 * DAY - 1)).toBe(false);
      expect(await due(T0 + 14 * DAY)).toBe(true);
      const claims = await Promise.all([
        store.claimRetraining(ws, T0 + 15 * DAY),
        store.claimRetraining(ws, T0 + 15 * DAY),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await due(T0 + 29 * DAY - 1)).toBe(false);
      expect(await due(T0 + 29 * DAY)).toBe(true);
      await store.putRetrainingSchedule(ws, { everyDays: null, rule: { maxAucDrop: 0 } }, T0);
      expect(await due(T0 + 999 * DAY)).toBe(false);
    });

    it('numbers the runs and lists them newest first, nulls kept', async () => {
      const { store, ws } = ctx();
      expect(await store.listRetrainingRuns(ws)).toEqual([]);
      expect(await store.addRetrainingRun(ws, run())).toBe(1);
      const failed = run({
        at: T0 + 5,
        activeVersion: null,
        challengerVersion: null,
        activeAuc: null,
        challengerAuc: null,
        heldOut: 0,
        decision: 'failed',
        reason: 'not enough outcomes',
      });
      expect(await store.addRetrainingRun(ws, failed)).toBe(2);
      expect(await store.listRetrainingRuns(ws)).toEqual([
        { seq: 2, ...failed },
        { seq: 1, ...run() },
      ]);
      const other = (await store.createWorkspace('other', T0)).id;
      expect(await store.listRetrainingRuns(other)).toEqual([]);
      expect(await store.getRetrainingSchedule(other)).toBeUndefined();
    });
  });
}
