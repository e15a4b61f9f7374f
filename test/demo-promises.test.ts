// What the demo must show a newcomer, held on the real seeding (3,000 leads, seeded) over SQLite:
// the active model's backtest ranks the demo's outcomes well; conversion falls segment by segment;
// unsubscribes and bounces are bad signs; a trained GBDT beats the rules; MQLs are a minority;
// the hand-overs were mostly accepted; and the top lead looks like a real buyer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analytics/analyze.js';
import type { SegmentReachRow } from '../src/service/analytics/segment-reach.js';
import { startAnalytics } from '../src/service/analytics/start-analytics.js';
import { backtest } from '../src/service/backtest/backtest.js';
import type { BacktestResult } from '../src/service/backtest/backtest-result.js';
import { loadCandidate } from '../src/service/backtest/candidate.js';
import { seedDemo } from '../src/service/demo/seed-demo.js';
import { DEMO_USERS, seedDemoUsers } from '../src/service/demo/demo-users.js';
import { handoverReportOf } from '../src/service/lifecycle/handover-report.js';
import { startTraining } from '../src/service/predictive/start-training.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { JsonObject, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.UTC(2026, 5, 1);
const sqlite = freshStores().find((s) => s.name === 'sqlite')!;

let store: Store;
let ws: string;
const models = new ActiveModels();
const clock = () => NOW;

async function jobResult(started: { job: { id: string }; running: Promise<void> }) {
  await started.running;
  const result = await store.getJobResult(ws, started.job.id);
  if (!result)
    throw new Error(
      `job ${started.job.id}: ${JSON.stringify(await store.getJob(ws, started.job.id))}`,
    );
  return result;
}

let rules: BacktestResult;
let analytics: Analysis & { segmentsReached: SegmentReachRow[] };

beforeAll(async () => {
  store = await sqlite.open();
  ws = (await store.createWorkspace('demo', NOW)).id;
  const seeded = await seedDemo(store, models, ws, NOW);
  await seedDemoUsers(store, ws, NOW, 'demo-password');
  rules = await backtest(
    store,
    models,
    ws,
    await loadCandidate(store, models, ws, { version: seeded.version }, 'candidate'),
    {},
    NOW,
  );
  analytics = (await jobResult(
    await startAnalytics(store, models, ws, {}, clock),
  )) as unknown as typeof analytics;
}, 300_000);

afterAll(async () => {
  await store?.close();
});

describe('the demo', () => {
  it('is ranked well by its active model: backtest ROC AUC at least 0.75', () => {
    expect(rules.ranking.known).toBeGreaterThan(500);
    expect(rules.ranking.candidate.auc).toBeGreaterThanOrEqual(0.75);
  });

  it('converts less in each segment down the model, sales-ready at least 3x nurture', () => {
    const rate = Object.fromEntries(analytics.segmentsReached.map((r) => [r.segment, r.rate]));
    const order = ['sales-ready', 'mql', 'nurture', 'no-interest'];
    for (let i = 1; i < order.length; i++)
      expect(rate[order[i - 1]!]!).toBeGreaterThan(rate[order[i]!]!);
    expect(rate['sales-ready']!).toBeGreaterThanOrEqual(3 * rate.nurture!);
  });

  it('shows unsubscribes and bounces as bad signs: lift below 1', () => {
    const rows = analytics.behaviours.filter((b) =>
      ['did: Unsubscribed', 'did: Email Bounced'].includes(b.behaviour),
    );
    expect(rows.filter((r) => r.atLeast === 1)).toHaveLength(2);
    for (const row of rows) if (row.did.leads >= 20) expect(row.lift).toBeLessThan(1);
  });

  it('makes MQLs a minority and has most hand-overs accepted', async () => {
    const page = await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 5000 });
    const qualified = page.items.filter((i) => ['sales-ready', 'mql'].includes(i.score!.segment));
    expect(qualified.length).toBeLessThan(page.items.length * 0.3);
  });

  it('has most hand-overs accepted within hours to days, some rejected with reasons', async () => {
    const figures = await handoverReportOf(store, ws, { from: 0, to: NOW + 1 });
    const total = (key: 'handedOver' | 'accepted' | 'pending' | 'converted') =>
      figures.reduce((sum, f) => sum + f[key], 0);
    const rejected = figures.reduce((sum, f) => sum + f.rejected.total, 0);
    expect(total('accepted')).toBeGreaterThan(total('handedOver') * 0.6);
    expect(rejected).toBeGreaterThan(total('handedOver') * 0.05);
    expect(total('converted')).toBeGreaterThan(0);
    expect(total('pending')).toBeGreaterThan(0);
    const mql = figures.find((f) => f.segment === 'mql')!;
    expect(mql.medianHoursToAcceptance).toBeLessThan(24);
    expect(mql.p90HoursToAcceptance).toBeLessThan(24 * 7);
  });

  it('gives each sales rep hot leads of every stage, some still waiting for their answer', async () => {
    for (const { email } of DEMO_USERS.filter((u) => u.role === 'sales')) {
      const own = await store.listLeads(ws, {
        owner: email,
        sort: 'score',
        direction: 'desc',
        limit: 500,
      });
      const stages = await store.getLifecycles(
        ws,
        own.items.map((i) => i.lead.id),
      );
      const count = (stage: string) => [...stages.values()].filter((l) => l.stage === stage).length;
      expect(count('mql')).toBeGreaterThan(0);
      expect(count('customer')).toBeGreaterThan(0);
    }
  });

  it('has a believable top lead: no unsubscribes, no flood of e-mail opens', async () => {
    const top = (await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 1 }))
      .items[0]!;
    const names = (await store.eventsOfLead(ws, top.lead.id)).map((e) => e.name);
    expect(names).not.toContain('Unsubscribed');
    expect(names.filter((n) => n === 'Email Opened').length).toBeLessThan(60);
    expect(names.length).toBeLessThan(500);
  });

  it('trains a GBDT that ranks better than the rules on the same held-out leads', async () => {
    const trained = (await jobResult(
      await startTraining(store, models, ws, 'gbdt', clock),
    )) as JsonObject;
    const candidate = await loadCandidate(
      store,
      models,
      ws,
      { predictiveVersion: Number(trained.version) },
      'c',
    );
    const compared = await backtest(store, models, ws, candidate, {}, NOW);
    expect(compared.ranking.candidate.auc!).toBeGreaterThan(compared.ranking.active!.auc!);
  }, 300_000);
});
