// Decay transitions on time: a lead's due time is stored with its score, the sweep moves it to
// its new segment once that time has come (never before), with a history entry saying why.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile-model.js';
import { parseModel } from '../src/core/parse-model.js';
import { readState } from '../src/core/score-state.js';
import { nextSegmentChange } from '../src/core/segment-due.js';
import { DecayScheduler } from '../src/service/decay/decay-scheduler.js';
import { sweepDue } from '../src/service/decay/sweep-due.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages as calls } from './segment-messages.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T09:00:00Z');
const model = parseModel(`
name: cooling
engagement:
  halfLifeDays: 10
  rules:
    - { id: webinar, event: Webinar Attended, points: 30 }
    - { id: visit, event: Page Viewed, points: 1, halfLifeDays: 2 }
segments:
  - { id: hot, min: 50, stage: bofu }
  - { id: warm, above: 20, stage: mofu }
  - { id: lukewarm, above: 5, stage: tofu }
  - { id: cold, stage: tofu }
`);
const compiled = compileModel(model);

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const ws = (await store.createWorkspace('w', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  const models = new ActiveModels();
  const track = (messageId: string, userId: string, event: string, at: number) =>
    ingestMessages(
      store,
      models,
      ws,
      calls(
        [{ type: 'track', messageId, userId, event, timestamp: new Date(at).toISOString() }],
        at,
      ),
      at,
    );
  return { store, ws, models, track };
}

describe.each(freshStores())('decay transitions on $name', ({ open }) => {
  it('stores when decay will move the lead, and moves it then, never before', async () => {
    const { store, ws, models, track } = await setup(open);
    await track('m1', 'u1', 'Webinar Attended', NOW);
    const row = await store.getScore(ws, 'u1');
    expect(row?.segment).toBe('warm');
    // 30·2^(−t/10 d) falls to 20 after 10·log2(1.5) days.
    const expected = nextSegmentChange(compiled, row!.state, NOW)!;
    expect(row?.dueAt).toBe(expected);
    expect(Math.abs(expected - (NOW + 10 * DAY * Math.log2(1.5)))).toBeLessThanOrEqual(1);

    // One millisecond early: nothing is due, nothing changes.
    expect(await sweepDue(store, models, expected - 1)).toEqual({ leads: 0, changes: 0 });
    expect((await store.getScore(ws, 'u1'))?.segment).toBe('warm');

    const swept = await sweepDue(store, models, expected);
    expect(swept).toEqual({ leads: 1, changes: 1 });
    const after = await store.getScore(ws, 'u1');
    expect(after).toMatchObject({ segment: 'lukewarm', stage: 'tofu', scoredAt: expected });
    expect(after?.score).toBeCloseTo(readState(compiled, row!.state, expected).score, 9);
    // Next: 30·2^(−t/10 d) = 5 after 10·log2(6) days.
    expect(Math.abs(after!.dueAt! - (NOW + 10 * DAY * Math.log2(6)))).toBeLessThanOrEqual(1);
    const [entry] = await store.listHistory(ws, 'u1', { limit: 1 });
    expect(entry).toMatchObject({
      cause: 'decay',
      causeRef: new Date(expected).toISOString(),
      segment: 'lukewarm',
      previous: { segment: 'warm' },
    });

    // A second sweep at the same time has nothing left to do.
    expect(await sweepDue(store, models, expected)).toEqual({ leads: 0, changes: 0 });
  });

  it('moves a new due time when an event arrives first, and clears it for a lead that cannot move', async () => {
    const { store, ws, models, track } = await setup(open);
    await track('m1', 'u2', 'Webinar Attended', NOW);
    const first = (await store.getScore(ws, 'u2'))!.dueAt!;
    await track('m2', 'u2', 'Webinar Attended', NOW + DAY);
    const second = (await store.getScore(ws, 'u2'))!;
    expect(second.segment).toBe('hot');
    // Hot now, and due to cool to warm sooner than the first event alone would have cooled.
    expect(second.dueAt).toBe(nextSegmentChange(compiled, second.state, NOW + DAY));
    expect(second.dueAt).not.toBe(first);
    expect(await sweepDue(store, models, second.dueAt! - 1)).toEqual({ leads: 0, changes: 0 });

    // No model active any more: the lead is taken off the due list rather than swept forever.
    const other = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
    await store.activateModel(ws, other, NOW);
    expect(await sweepDue(store, models, second.dueAt!)).toEqual({ leads: 1, changes: 0 });
    expect((await store.getScore(ws, 'u2'))?.dueAt).toBeNull();
  });

  it('the scheduler sweeps every interval with the clock it is given', async () => {
    const { store, ws, models, track } = await setup(open);
    await track('m1', 'u3', 'Webinar Attended', NOW);
    const due = (await store.getScore(ws, 'u3'))!.dueAt!;
    let now = due - 1;
    const sweeps: number[] = [];
    const scheduler = new DecayScheduler(store, models, {
      intervalMs: 10,
      clock: () => now,
      onSweep: (r) => sweeps.push(r.changes),
    });
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await store.getScore(ws, 'u3'))?.segment).toBe('warm');
    now = due;
    for (let waited = 0; waited < 20_000 && sweeps.length === 0; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await scheduler.stop();
    expect(sweeps).toEqual([1]);
    expect((await store.getScore(ws, 'u3'))?.segment).toBe('lukewarm');
  });
});
