// Conversion analytics and predictive scoring over the HTTP API on real stores: a workspace whose
// outcomes follow a known rule (seniority and demo requests raise the odds), analysed and learnt
// back; too few outcomes refused with how many more are needed; the probability beside a score.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { createRng } from '../src/service/demo/synthetic-random.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { NewEvent, Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

/**
 * `n` leads: a VP or an analyst, some requested demos (VPs more often), each opened emails. The
 * true odds: logit = -2 + 1.5 [VP] + 1.2 [demo]; outcomes come 10 days after the last event.
 */
async function seed(store: Store, ws: string, n: number, outcomeShare = 0.8, signal = true) {
  const rng = createRng(11, 3);
  const events: NewEvent[] = [];
  const lifecycles = [];
  for (let i = 0; i < n; i++) {
    const id = `L${i}`;
    const vp = rng() < 0.4;
    const demo = rng() < (vp ? 0.5 : 0.25);
    await store.upsertLead(
      ws,
      id,
      { title: vp ? 'VP Sales' : 'Analyst', email: `${id}@x.io` },
      T0 - 90 * DAY,
    );
    const opens = Math.floor(rng() * 4);
    const at = (k: number) => T0 - 60 * DAY + k * DAY;
    const event = (name: string, k: number): NewEvent => ({
      messageId: `${id}-${name}-${k}`,
      leadId: id,
      anonymousId: null,
      type: 'track',
      name,
      time: at(k),
      receivedAt: at(k),
      payload: { event: name },
    });
    for (let k = 0; k < opens; k++) events.push(event('Email Opened', k));
    if (demo) events.push(event('Demo Requested', 5));
    // Without signal every lead converts at 40%, whatever it is and does.
    const p = signal ? 1 / (1 + Math.exp(-(-2 + (vp ? 1.5 : 0) + (demo ? 1.2 : 0)))) : 0.4;
    const converted = rng() < p;
    if (rng() < outcomeShare)
      lifecycles.push({
        leadId: id,
        stage: converted ? ('customer' as const) : ('lost' as const),
        since: at(20),
        handover: null,
      });
    // A purchase after the outcome must not teach anything.
    if (converted) events.push(event('Order Completed', 25));
  }
  await store.insertEvents(ws, events);
  await store.putLifecycles(ws, lifecycles);
  return lifecycles;
}

async function setup(open: () => Promise<Store>, n: number, signal = true) {
  const store = await open();
  const app: FastifyInstance = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => T0,
  });
  const made = await createWorkspaceWithKeys(store, 'p', T0 - 100 * DAY);
  const headers = { authorization: `Bearer ${made.admin.secret}` };
  const outcomes = await seed(store, made.workspace.id, n, 0.8, signal);
  const post = (url: string, payload: object = {}) =>
    app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string) => app.inject({ method: 'GET', url, headers });
  const finished = async (url: string, payload: object) => {
    const started = await post(url, payload);
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    for (let i = 0; i < 800; i++) {
      const job = (await get(`/v1/jobs/${jobId}`)).json<{
        status: string;
        error: string | null;
        result: Record<string, unknown> | null;
      }>();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the job did not finish');
  };
  return { store, app, headers, outcomes, post, get, finished };
}

interface Rate {
  leads: number;
  conversions: number;
}

describe.each(freshStores())('analytics and predictive API on $name', ({ open }) => {
  it('analyses the stored outcomes, trains, and shows the probability beside the score', async () => {
    const ctx = await setup(open, 600);
    const known = ctx.outcomes.length;
    const converted = ctx.outcomes.filter((o) => o.stage === 'customer').length;

    const analytics = await ctx.finished('/v1/analytics', {});
    expect(analytics.error).toBeNull();
    const report = analytics.result as {
      leads: number;
      overall: Rate;
      attributes: { name: string; iv: number; rows: ({ value: string } & Rate)[] }[];
      behaviours: { behaviour: string; atLeast: number; did: Rate; didNot: Rate }[];
    };
    expect(report.leads).toBe(600);
    expect(report.overall).toMatchObject({ leads: known, conversions: converted });
    const columns = report.attributes.map((a) => a.name);
    // Identifiers are left out; the purchase after the outcome is not counted.
    expect(columns).not.toContain('email');
    const purchase = report.attributes.find((a) => a.name === 'did: Order Completed');
    expect(purchase?.iv ?? 0).toBe(0);
    // Seniority is the trait that separates converters.
    expect(columns[0]).toBe('title');
    const title = report.attributes[0]!;
    expect(title.rows.reduce((s, r) => s + r.leads, 0)).toBe(known);
    expect(title.rows[0]!.value).toBe('VP Sales');
    const demo = report.behaviours.find(
      (b) => b.behaviour === 'did: Demo Requested' && b.atLeast === 1,
    )!;
    expect(demo.did.leads + demo.didNot.leads).toBe(known);
    expect(demo.did.conversions / demo.did.leads).toBeGreaterThan(
      demo.didNot.conversions / demo.didNot.leads,
    );

    // Suggested points: seniority as a fit criterion, demo requests as a rule, a model file.
    const suggested = await ctx.finished('/v1/suggest', {});
    expect(suggested.error).toBeNull();
    const suggestion = suggested.result as {
      yaml: string;
      rules: { event: string; points: number }[];
      attributes: { name: string }[];
      figures: { suggested: { auc: number }; active: unknown };
    };
    expect(suggestion.attributes.map((a) => a.name)).toContain('title');
    expect(suggestion.rules.find((r) => r.event === 'Demo Requested')?.points).toBeGreaterThan(0);
    expect(suggestion.yaml).toMatch(/event: "?Demo Requested"?/);
    expect(suggestion.figures.suggested.auc).toBeGreaterThan(0.6);
    expect(suggestion.figures.active).toBeNull();
    const uploaded = await ctx.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...ctx.headers, 'content-type': 'application/yaml' },
      payload: suggestion.yaml,
    });
    expect(uploaded.statusCode).toBe(201);

    const trained = await ctx.finished('/v1/predictive/train', { kind: 'lr' });
    expect(trained.error).toBeNull();
    const training = trained.result as {
      version: number;
      report: {
        metrics: { rocAuc: number };
        crossValidation: { rows: number; rocAuc: { sd: number }; heldOutRocAuc: number };
        readiness: { grade: string; basis: string };
      };
      roc: { fpr: number; tpr: number }[];
      lift: { fraction: number; lift: number }[];
    };
    expect(training.version).toBe(1);
    // The true model's own AUC here is about 0.7: the learnt one must come close.
    expect(training.report.metrics.rocAuc).toBeGreaterThan(0.62);
    // Under 2,000 labelled leads the figures are cross-validated over all of them, with a spread.
    expect(training.report.crossValidation.rows).toBe(known);
    expect(training.report.crossValidation.rocAuc.sd).toBeGreaterThan(0);
    expect(training.report.readiness.basis).toBe('cross-validated');
    expect(training.report.readiness.grade).not.toBe('poor');
    expect(training.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(training.lift).toHaveLength(10);

    // Backtested, it is judged on the leads its training held out: its held-out figures again.
    const backtest = await ctx.finished('/v1/models/backtest', { predictiveVersion: 1 });
    const judged = backtest.result as {
      candidate: { kind: string };
      ranking: { scope: string; known: number; candidate: { auc: number } };
    };
    expect(judged.candidate.kind).toBe('predictive');
    expect(judged.ranking.scope).toBe('held-out known outcomes');
    expect(judged.ranking.known).toBe(
      (training.report as unknown as { holdout: { rows: number } }).holdout.rows,
    );
    expect(judged.ranking.candidate.auc).toBeCloseTo(
      training.report.crossValidation.heldOutRocAuc,
      9,
    );

    // The saved version's page draws the same charts as the training job's answer.
    const saved = (await ctx.get('/v1/predictive/models/1')).json<Record<string, unknown>>();
    expect(saved.roc).toEqual(training.roc);
    expect(saved.lift).toEqual(training.lift);
    expect((saved.report as { calibration: unknown }).calibration).toEqual(
      (training.report as unknown as { calibration: unknown }).calibration,
    );

    expect(saved.readiness).toEqual(training.report.readiness);
    const listed = (await ctx.get('/v1/predictive/models')).json<{
      active: number | null;
      items: { readiness: unknown }[];
    }>();
    expect(listed.active).toBeNull();
    expect(listed.items[0]!.readiness).toEqual(training.report.readiness);
    expect((await ctx.get('/v1/leads/L0')).json<{ prediction: unknown }>().prediction).toBeNull();
    expect((await ctx.post('/v1/predictive/models/1/activate')).json()).toEqual({ active: 1 });
    expect((await ctx.post('/v1/predictive/models/7/activate')).statusCode).toBe(404);

    // A VP who requested a demo against an analyst who did not: the learnt odds order them.
    const leadOf = async (traits: Record<string, unknown>, demo: boolean) => {
      const id = `probe-${demo}`;
      await ctx.store.upsertLead((await ctx.store.listWorkspaces())[0]!.id, id, traits, T0);
      return id;
    };
    const ws = (await ctx.store.listWorkspaces())[0]!.id;
    const hot = await leadOf({ title: 'VP Sales' }, true);
    await ctx.store.insertEvents(ws, [
      {
        messageId: 'probe-demo',
        leadId: hot,
        anonymousId: null,
        type: 'track',
        name: 'Demo Requested',
        time: T0 - DAY,
        receivedAt: T0 - DAY,
        payload: {},
      },
    ]);
    const cold = await leadOf({ title: 'Analyst' }, false);
    type Factor = { label: string; feature: string; value: string | null; text: string };
    type Predicted = {
      prediction: { probability: number; band: string; up: Factor[]; down: Factor[] };
    };
    const p = async (id: string) => (await ctx.get(`/v1/leads/${id}`)).json<Predicted>().prediction;
    const [h, c] = [await p(hot), await p(cold)];
    expect(h.probability).toBeGreaterThan(c.probability + 0.2);
    expect(h.up.map((f) => f.label)).toEqual(
      expect.arrayContaining(['title=VP Sales', 'did: Demo Requested=1']),
    );
    // Each factor reads as a person would say it, beside its machine fields.
    expect(h.up.map((f) => f.text)).toEqual(
      expect.arrayContaining(['title is VP Sales', 'Demo Requested once']),
    );
    expect(h.up.find((f) => f.feature === 'title')).toMatchObject({ value: 'VP Sales' });
    // A lead with no title: its missing value is "unknown title", not `title=(missing)`.
    await ctx.store.upsertLead(ws, 'probe-blank', { email: 'nobody@x.io' }, T0);
    const b = await p('probe-blank');
    const titled = [...b.up, ...b.down].find((f) => f.feature === 'title');
    expect(titled).toMatchObject({ text: 'unknown title', value: null, label: 'title=(missing)' });
    for (const f of [...b.up, ...b.down]) expect(f.text).not.toMatch(/=|\(missing\)/);
    expect((await ctx.post('/v1/predictive/deactivate')).json()).toEqual({ active: null });
    expect(
      (await ctx.get(`/v1/leads/${hot}`)).json<{ prediction: unknown }>().prediction,
    ).toBeNull();
  });

  it('grades a model without signal poor and activates it only with an override', async () => {
    const ctx = await setup(open, 300, false);
    const trained = await ctx.finished('/v1/predictive/train', { kind: 'gbdt' });
    expect(trained.error).toBeNull();
    const readiness = (trained.result as { report: { readiness: { grade: string } } }).report
      .readiness;
    expect(readiness.grade).toBe('poor');
    const refused = await ctx.post('/v1/predictive/models/1/activate');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /^predictive model 1 is graded poor: cross-validated ROC AUC 0\.\d\d is below 0\.6: .*\{ "override": true \}/,
      ),
    });
    expect((await ctx.get('/v1/predictive/models')).json()).toMatchObject({ active: null });
    const overridden = await ctx.post('/v1/predictive/models/1/activate', { override: true });
    expect(overridden.json()).toEqual({ active: 1 });
    // Its probabilities stay near the base rate: no lead is called near-certain.
    const lead = (await ctx.get('/v1/leads/L0')).json<{ prediction: { probability: number } }>();
    expect(lead.prediction.probability).toBeGreaterThan(0.1);
    expect(lead.prediction.probability).toBeLessThan(0.9);
  });

  it('refuses to train on too few outcomes, saying how many more are needed', async () => {
    const ctx = await setup(open, 60);
    const job = await ctx.finished('/v1/predictive/train', { kind: 'gbdt' });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/at least 40 of each are needed, so \d+ more converted/);
    expect((await ctx.get('/v1/predictive/models')).json()).toEqual({ active: null, items: [] });
  });
});
