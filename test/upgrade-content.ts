// What an upgrade test stores and compares: a database filled through the store and the API as a
// user's would be (the demo's leads, events and scores, identities and merges, companies and
// account scores, webhooks with messages, deliveries and attempts, lifecycle moves, routing, model
// versions and an activation, a predictive version, jobs, suppressions, keys), and everything the
// store port answers about it, so that a migration can be checked to lose nothing.
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { seedDemo } from '../src/service/demo/seed-demo.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { hook } from '../src/store/contract/webhooks.contract.js';
import { JOB_STATUSES, NOTIFICATION_TYPES } from '../src/store/records.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel } from './test-workspace.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const small = parseModel(`
name: other workspace
engagement:
  rules:
    - { id: order, event: Order Completed, points: 50 }
    - { id: visit, event: Page Viewed, points: 2 }
segments:
  - { id: hot, min: 50, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
`);

/** Fills the store (migrated to the current schema); seeded, the same content every time. */
export async function fillLikeAUser(store: Store): Promise<void> {
  const models = new ActiveModels();
  const clock = { now: T0 };
  const app = await buildApp({ store, models, clock: () => clock.now });
  // A workspace before the demo's, so that keys and creation order differ.
  const other = await workspaceWithModel(store, 'other', small, T0 - H);
  const made = await createWorkspaceWithKeys(store, 'demo', T0);
  const ws = made.workspace.id;
  const admin = { authorization: `Bearer ${made.admin.secret}` };
  const write = {
    authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}`,
  };
  const everyType = { eventTypes: [...NOTIFICATION_TYPES] };
  const webhook = await store.createWebhook(ws, hook(everyType), T0);
  await store.createWebhook(other.ws, hook(everyType), T0);
  await seedDemo(store, models, ws, T0, { leads: 120, events: 1800 });
  clock.now = T0 + H;

  // Identities and merges: anonymous visitors identified later, an alias, a group call.
  const batch: object[] = [];
  for (let i = 0; i < 12; i++) {
    const anonymousId = `anon-${i}`;
    batch.push({
      type: 'page',
      anonymousId,
      messageId: `p-${i}`,
      name: 'Pricing',
      properties: { path: '/pricing' },
      timestamp: iso(T0 + i * 60_000),
    });
    batch.push({
      type: 'identify',
      anonymousId,
      userId: `known-${i % 4}`,
      messageId: `i-${i}`,
      traits: { email: `known-${i % 4}@example.com`, title: i % 2 ? 'VP Sales' : 'Engineer' },
      timestamp: iso(T0 + i * 60_000 + 1000),
    });
  }
  batch.push({ type: 'alias', previousId: 'known-3', userId: 'known-2', messageId: 'alias-1' });
  batch.push({
    type: 'group',
    userId: 'known-1',
    groupId: 'acme-corp',
    messageId: 'g-1',
    traits: { name: 'Acme Corp', employees: 800 },
  });
  for (let i = 0; i < 30; i++)
    batch.push({
      type: 'track',
      userId: `known-${i % 3}`,
      messageId: `t-${i}`,
      event: i % 5 === 0 ? 'Demo Requested' : 'Email Opened',
      timestamp: iso(T0 + i * 120_000),
    });
  await expectOk(
    app.inject({ method: 'POST', url: '/v1/batch', headers: write, payload: { batch } }),
  );
  await expectOk(
    app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: other.write,
      payload: {
        batch: [
          { type: 'track', userId: 'o1', messageId: 'o-1', event: 'Order Completed' },
          { type: 'page', userId: 'o2', messageId: 'o-2', name: 'Home' },
        ],
      },
    }),
  );

  // Lifecycle moves and a conversion, through the sales loop's routes.
  const post = (url: string, payload: object) =>
    expectOk(app.inject({ method: 'POST', url, headers: admin, payload }));
  await post('/v1/leads/known-0/feedback', { decision: 'accepted' });
  await post('/v1/leads/known-0/lifecycle', { stage: 'opportunity' });
  await post('/v1/leads/known-0/outcome', { outcome: 'converted', value: 1200, currency: 'EUR' });
  await post('/v1/leads/known-1/feedback', { decision: 'rejected', reason: 'no budget' });

  // Routing as segment actions leave it.
  const at = T0 + 2 * H;
  await store.setLeadOwners(
    ws,
    [
      { leadId: 'known-0', owner: 'ana' },
      { leadId: 'known-1', owner: 'bo' },
    ],
    at,
  );
  await store.addLeadTagsMany(ws, [{ leadId: 'known-0', tags: ['vip', 'emea'] }], at);
  await store.claimOnceMany(ws, [{ leadId: 'known-0', key: 'welcome' }], at);
  await store.nextRoundRobins(ws, 'owners', 3, 4);

  // A second model version, activated, with its rescore job and another job's result.
  const version = await store.addModel(ws, { name: 'draft', engagement: { rules: [] } }, at);
  await store.activateModel(ws, version, at);
  const job = await store.createJob(ws, { kind: 'rescore', total: 120 }, at);
  await store.updateJob(ws, job.id, { status: 'succeeded', progress: 120, finishedAt: at + 1 });
  const report = await store.createJob(ws, { kind: 'analytics', total: 1 }, at);
  await store.putJobResult(ws, report.id, { rows: [1, 2, 3], note: 'kept' });
  await store.leaseJob(ws, report.id, 'server-a', at + 60_000, at);

  // A predictive version, active.
  const predictive = await store.addPredictiveModel(
    ws,
    { kind: 'logistic', document: { weights: [0.5, -1.25], bias: 0.1 }, metrics: { auc: 0.81 } },
    at,
  );
  await store.activatePredictiveModel(ws, predictive);

  // Erasure leaves a suppression; a refused call counts on it.
  await expectOk(app.inject({ method: 'DELETE', url: '/v1/leads/known-3', headers: admin }));
  await store.suppressLead(ws, 'gone-1', at);
  await store.countRefusals(ws, new Map([['gone-1', 2]]), at + 5);

  // Keys: one more, and one revoked.
  const extra = await store.addApiKey({
    workspaceId: ws,
    kind: 'write',
    hash: 'e'.repeat(64),
    prefix: 'ls_write_EeEe',
    label: 'ci',
    rateLimitPerMinute: 60,
    createdAt: at,
  });
  await store.revokeApiKey(ws, extra.id, at + 10);

  // Deliveries tried: one succeeded, one failed.
  const claimed = await store.claimWebhookDeliveries({ now: at + H, limit: 2, leaseMs: 30_000 });
  for (const [i, c] of claimed.entries())
    await store.recordWebhookAttempt(
      c.workspaceId,
      c,
      i === 0
        ? {
            at: at + H,
            statusCode: 200,
            error: null,
            latencyMs: 12,
            responseExcerpt: 'ok',
            outcome: 'succeeded',
            nextAttemptAt: null,
          }
        : {
            at: at + H,
            statusCode: 500,
            error: 'HTTP 500',
            latencyMs: 30,
            responseExcerpt: null,
            outcome: 'retry',
            nextAttemptAt: at + 2 * H,
          },
      { disableAfter: 10, disabledReason: 'failing' },
    );
  void webhook;
  await app.close();
}

async function expectOk(reply: Promise<{ statusCode: number; body: string }>): Promise<void> {
  const { statusCode, body } = await reply;
  if (statusCode >= 300) throw new Error(`fill: HTTP ${statusCode}: ${body}`);
}

/** Everything the store port answers about every workspace, in a stable order. */
export async function readThroughPort(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const workspace of await store.listWorkspaces()) {
    const ws = workspace.id;
    const leadIds = (await store.listLeadIds(ws, { changedSince: 0 })).map((l) => l.id);
    const leads: Record<string, unknown> = {};
    const anonymous = new Set<string>();
    for (const id of leadIds) {
      const events = await store.eventsOfLead(ws, id);
      for (const e of events) if (e.anonymousId) anonymous.add(e.anonymousId);
      leads[id] = {
        lead: await store.getLead(ws, id),
        score: await store.getScore(ws, id),
        history: await store.listHistory(ws, id, { limit: 10_000 }),
        events,
        lifecycle: (await store.getLifecycles(ws, [id])).get(id) ?? null,
        moves: await store.listLifecycleEntries(ws, id, { limit: 1000 }),
        routing: await store.getLeadRouting(ws, id),
        extras: (await store.leadExtras(ws, [id])).get(id) ?? null,
      };
    }
    const companies = new Set((await store.companiesOfLeads(ws, leadIds)).values());
    const webhooks = await store.listWebhooks(ws);
    const deliveries: Record<string, unknown> = {};
    for (const w of webhooks) {
      const page = await store.listWebhookDeliveries(ws, w.id, { limit: 10_000 });
      deliveries[w.id] = await Promise.all(
        page.items.map((d) => store.getWebhookDelivery(ws, w.id, d.id)),
      );
    }
    const jobs = await store.listJobs(ws, { status: [...JOB_STATUSES] });
    const keys = await store.listApiKeys(ws);
    const predictive = await store.listPredictiveModels(ws);
    out[ws] = {
      workspace: await store.getWorkspace(ws),
      leads,
      identities: await Promise.all([...anonymous].sort().map((a) => store.resolveIdentity(ws, a))),
      eventCount: await store.countEvents(ws),
      companies: await Promise.all([...companies].sort().map((c) => store.getCompany(ws, c))),
      accounts: await store.listAccountScores(ws, { limit: 10_000 }),
      webhooks,
      deliveries,
      models: await store.listModels(ws),
      activeModel: await store.activeModel(ws),
      jobs,
      jobResults: await Promise.all(jobs.map((j) => store.getJobResult(ws, j.id))),
      jobLeases: await Promise.all(jobs.map((j) => store.jobLeaseOwner(ws, j.id))),
      keys,
      keysByHash: await Promise.all(keys.map((k) => store.findApiKeyByHash(k.hash))),
      predictive,
      predictiveDocuments: await Promise.all(
        predictive.map((p) => store.getPredictiveModel(ws, p.version)),
      ),
      activePredictive: await store.activePredictiveModel(ws),
      suppressions: await store.listSuppressions(ws, { limit: 1000 }),
      list: await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 1000 }),
      distribution: await store.scoreDistribution(ws, { bins: 10 }),
      funnel: await store.funnelCounts(ws),
      transitions: await store.listTransitions(ws, { limit: 10_000 }),
    };
  }
  out.due = await store.listDueLeads(Number.MAX_SAFE_INTEGER, 100_000);
  return out;
}
