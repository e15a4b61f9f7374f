// Model activation on both stores: every lead's new row equals a replay of its stored history
// (the job reads events narrowed to what the model reads), leads written or erased while the job
// ran are handled in the switch-over, and every visible change gets a 'model' history entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFit } from '../src/core/fit.js';
import { parseModel } from '../src/core/parse-model.js';
import { scoreLead } from '../src/core/score-lead.js';
import { startActivation } from '../src/service/models/activation.js';
import { rescoreWorkspace } from '../src/service/rescore/rescore-workspace.js';
import { ActiveModels, type ActiveScoring } from '../src/service/scoring/active-model.js';
import { stateFromHistory } from '../src/service/scoring/advance-state.js';
import {
  readAt,
  recordOf,
  scoredRow,
  scoringHistory,
} from '../src/service/scoring/lead-scoring.js';
import { summarize, type ScoreSummary } from '../src/service/scoring/score-change.js';
import type { JsonObject, LeadScoreRow, NewEvent, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const b2b = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const v1Spec = b2b as unknown as JsonObject;
/** Other points, and rules that read `context` and `messageId`, so the job must fetch them. */
const v2Spec: JsonObject = {
  ...v1Spec,
  name: 'b2b-v2',
  engagement: {
    ...b2b.engagement,
    rules: [
      ...b2b.engagement.rules.map((r) => ({ ...r, points: r.points * 1.5 })),
      {
        id: 'from-ads',
        event: 'Page Viewed',
        where: { field: 'context.campaign.source', eq: 'ads' },
        points: 9,
      },
      {
        id: 'replayed',
        event: 'Signed Up',
        where: { field: 'messageId', startsWith: 's-' },
        points: 4,
      },
    ],
  },
};

const NAMES = [
  'Email Opened',
  ' email opened ',
  'Email Link Clicked',
  'Asset Downloaded',
  'Page Viewed',
  'Demo Requested',
  'Email Bounced',
  'Signed Up',
  'Not In Any Model',
];
const TITLES = ['VP Sales', 'Engineer', 'Student', 'Director', 'Marketing Manager', 'CEO'];

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 60 leads (some with a company record, some without events), 1,500 events of every kind. */
async function seed(store: Store, ws: string): Promise<string[]> {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const leads = Array.from({ length: 60 }, (_, i) => `lead-${String(i).padStart(2, '0')}`);
  await store.upsertCompany(ws, 'acme', { employees: 900, industry: 'software' }, T0);
  await store.transaction(async (tx) => {
    for (const [i, id] of leads.entries()) {
      await tx.upsertLead(
        ws,
        id,
        { title: pick(TITLES), country: pick(['US', 'DE', 'BR']), company: { employees: i * 10 } },
        T0,
      );
      if (i % 7 === 0) await tx.setLeadCompany(ws, id, 'acme', T0);
    }
  });
  const events: NewEvent[] = [];
  for (let n = 0; n < 1500; n++) {
    const name = pick(NAMES);
    const known = n % 50 !== 0;
    const leadId = known ? (leads[Math.floor(next() * 50)] as string) : 'no-such-lead';
    const type = name === 'Page Viewed' ? 'page' : n % 97 === 0 ? 'identify' : 'track';
    const messageId = name === 'Signed Up' && n % 2 === 0 ? `s-${n}` : `m-${n}`;
    // Few distinct times: ties are broken by arrival order.
    const time = T0 - Math.floor(next() * 60) * DAY + (n % 3) * 1000;
    const payload: JsonObject = {
      type,
      messageId,
      event: name,
      properties:
        n % 13 === 0
          ? 'not an object'
          : {
              path: pick(['/pricing', '/pricing/team', '/docs']),
              type: pick(['whitepaper', 'case-study']),
            },
      context: n % 5 === 0 ? { campaign: { source: pick(['ads', 'mail']) } } : { ip: '10.0.0.1' },
      unread: { big: 'x'.repeat(200) },
    };
    events.push({
      messageId,
      leadId: n % 211 === 0 ? null : leadId,
      anonymousId: n % 211 === 0 ? 'anon' : null,
      type,
      name,
      time,
      receivedAt: T0,
      payload,
    });
  }
  await store.insertEvents(ws, events);
  return leads;
}

/** The row a replay of the lead's whole stored history gives, as of `now`. */
async function replayRow(
  store: Store,
  ws: string,
  id: string,
  scoring: ActiveScoring,
  now: number,
) {
  return store.transaction(async (tx) => {
    const record = await recordOf(tx, ws, id);
    const history = await scoringHistory(tx, ws, id);
    const fit = evaluateFit(scoring.compiled, record);
    const expected = scoredRow(scoring, id, stateFromHistory(scoring.compiled, fit, history), now);
    const core = scoreLead(scoring.compiled, record, history, expected.row.scoredAt);
    return { row: expected.row, core };
  });
}

async function activate(store: Store, models: ActiveModels, ws: string, v: number, now: number) {
  const { job, running } = await startActivation(store, models, ws, v, () => now);
  await running;
  return store.getJob(ws, job.id);
}

describe.each(freshStores())('activation on $name', ({ open }) => {
  it('stores for every lead what a replay gives, and a model history entry per visible change', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('w', T0)).id;
    const leads = await seed(store, ws);
    const models = new ActiveModels();
    const v1 = await store.addModel(ws, v1Spec, T0);
    const v2 = await store.addModel(ws, v2Spec, T0);
    const scoring = (v: number): ActiveScoring => ({
      version: v,
      compiled: models.compile(ws, v, v === v1 ? v1Spec : v2Spec),
    });

    const now1 = T0 + DAY;
    expect(await activate(store, models, ws, v1, now1)).toMatchObject({
      kind: `activate-model:${v1}`,
      status: 'succeeded',
      progress: leads.length,
    });
    expect(await store.activeModel(ws)).toMatchObject({ version: v1 });
    const rows1 = new Map<string, LeadScoreRow>();
    for (const id of leads) {
      const row = await store.getScore(ws, id);
      const { row: expected, core } = await replayRow(store, ws, id, scoring(v1), now1);
      expect(row, id).toEqual(expected);
      expect(row?.score).toBeCloseTo(core.score, 9);
      expect([row?.grade, row?.segment, row?.stage]).toEqual([
        core.grade,
        core.segment,
        core.stage,
      ]);
      rows1.set(id, row as LeadScoreRow);
      // A lead's first score is a visible change from nothing.
      expect(await store.listHistory(ws, id, { limit: 10 })).toEqual([
        {
          leadId: id,
          at: now1,
          cause: 'model',
          causeRef: String(v1),
          modelVersion: v1,
          ...summarize(readAt(scoring(v1), expected.state, now1).score),
          previous: null,
        },
      ]);
    }
    expect(await store.getScore(ws, 'no-such-lead')).toBeUndefined();

    // v2 a week later: an entry exactly where the visible figures change, from v1's decayed ones.
    const now2 = now1 + 7 * DAY;
    expect(await activate(store, models, ws, v2, now2)).toMatchObject({ status: 'succeeded' });
    let changed = 0;
    for (const id of leads) {
      const row = await store.getScore(ws, id);
      const { row: expected } = await replayRow(store, ws, id, scoring(v2), now2);
      expect(row, id).toEqual(expected);
      const before: ScoreSummary = summarize(
        readAt(scoring(v1), (rows1.get(id) as LeadScoreRow).state, now2).score,
      );
      const after = summarize(readAt(scoring(v2), expected.state, now2).score);
      const history = await store.listHistory(ws, id, { limit: 10 });
      if (JSON.stringify(before) === JSON.stringify(after)) {
        expect(history).toHaveLength(1);
        continue;
      }
      changed++;
      expect(history).toHaveLength(2);
      expect(history[0]).toEqual({
        leadId: id,
        at: now2,
        cause: 'model',
        causeRef: String(v2),
        modelVersion: v2,
        ...after,
        previous: before,
      });
    }
    expect(changed).toBeGreaterThan(20);

    // The same version again changes nothing a user sees: no entries.
    expect(await activate(store, models, ws, v2, now2 + 1000)).toMatchObject({
      status: 'succeeded',
    });
    for (const id of leads)
      expect(await store.listHistory(ws, id, { limit: 10 })).not.toHaveLength(3);
  });

  it('scores again in the switch-over the leads written while the job ran, and drops erased ones', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('w', T0)).id;
    const leads = await seed(store, ws);
    const models = new ActiveModels();
    const v1 = await store.addModel(ws, v1Spec, T0);
    const scoring: ActiveScoring = { version: v1, compiled: models.compile(ws, v1, v1Spec) };
    const now = T0 + DAY;
    // A row from a version that is gone: its stored columns are what the lead showed.
    const unknown: LeadScoreRow = {
      ...(await replayRow(store, ws, 'lead-03', scoring, now)).row,
      modelVersion: 99,
      score: 1234.5678,
      grade: 'Z',
      segment: 'gone',
      updatedAt: T0,
    };
    await store.putScore(ws, unknown);

    // What other calls do while the job runs, just before its switch-over transaction.
    const during: Store = {
      ...store,
      transaction: async (fn) => {
        await store.deleteLead(ws, 'lead-01');
        await store.upsertLead(ws, 'lead-02', { title: 'Chief Executive' }, now + 5);
        await store.upsertLead(ws, 'late-lead', { title: 'VP Sales' }, now + 5);
        await store.insertEvent(ws, {
          messageId: 'late-event',
          leadId: 'late-lead',
          anonymousId: null,
          type: 'track',
          name: 'Demo Requested',
          time: now - DAY,
          receivedAt: now + 5,
          payload: {},
        });
        // An event scored meanwhile with the old version: its lead's score row was written.
        await store.insertEvent(ws, {
          messageId: 'mid-event',
          leadId: 'lead-04',
          anonymousId: null,
          type: 'track',
          name: 'Demo Requested',
          time: now - DAY,
          receivedAt: now + 5,
          payload: {},
        });
        await store.putScore(ws, { ...unknown, leadId: 'lead-04', updatedAt: now + 5 });
        return store.transaction(fn);
      },
    };
    const done = await rescoreWorkspace(during, models, ws, v1, now);
    expect(done.leads).toBe(leads.length);
    expect(await store.getScore(ws, 'lead-01')).toBeUndefined();
    expect(await store.listHistory(ws, 'lead-01', { limit: 5 })).toEqual([]);
    for (const id of [...leads.filter((l) => l !== 'lead-01'), 'late-lead']) {
      const { row: expected } = await replayRow(store, ws, id, scoring, now);
      expect(await store.getScore(ws, id), id).toEqual(expected);
    }
    expect((await store.getScore(ws, 'lead-04'))?.engagement).toBeGreaterThanOrEqual(29);
    const [entry] = await store.listHistory(ws, 'lead-03', { limit: 5 });
    expect(entry?.previous).toEqual({
      score: 1234.5678,
      grade: 'Z',
      segment: 'gone',
      stage: unknown.stage,
    });
    // Scored in the switch-over, from the row the lead had then.
    const [mid] = await store.listHistory(ws, 'lead-04', { limit: 5 });
    expect(mid).toMatchObject({
      cause: 'model',
      causeRef: String(v1),
      previous: { segment: 'gone' },
    });
    expect(await store.activeModel(ws)).toMatchObject({ version: v1, activatedAt: now });
  });
});
