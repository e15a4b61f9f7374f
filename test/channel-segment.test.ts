// Segment write-back against a second leadscore server: the first server's sync channel points
// at the second's Segment endpoint (/v1/batch) with its write key; a lead's change on the first
// arrives as an identify through the second's own ingestion, and the receiving lead carries the
// traits. A backfill (POST /v1/channels/{id}/backfill, followed at GET /v1/jobs/{id}) sends every
// lead; the receiver down for a while loses nothing: each lead's latest state arrives.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { openChannel } from '../src/service/channels/open-channel.js';
import { segmentSender } from '../src/service/channels/segment-sender.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { PLAIN_SECRETS } from '../src/service/secret-box.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { freshStores } from './fresh-stores.js';
import { syncModel, syncWorld, type SyncWorld } from './sync-fixture.js';
import { workspaceWithModel, type TestWorkspace } from './test-workspace.js';

const apps: FastifyInstance[] = [];
const receiverStores: { store: Store; dir: string }[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const { store, dir } of receiverStores.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The second server's own database (a SQLite file: the sending side runs on both stores). */
async function receiverStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-receiver-'));
  const store = openSqliteStore({ file: join(dir, 'receiver.db') });
  await store.migrate();
  receiverStores.push({ store, dir });
  return store;
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The receiving server: its own store, a workspace with a write key, listening on `port`. */
async function receiver(store: Store, ws: TestWorkspace | undefined, port = 0) {
  const workspace = ws ?? (await workspaceWithModel(store, 'receiver', syncModel, Date.now()));
  const app = await buildApp({ store, models: new ActiveModels(), clock: () => Date.now() });
  await app.listen({ port, host: '127.0.0.1' });
  apps.push(app);
  const address = app.server.address() as AddressInfo;
  return { app, workspace, port: address.port, url: `http://127.0.0.1:${address.port}` };
}

async function traitsOf(store: Store, ws: string, leadId: string) {
  return (await store.getLead(ws, leadId))?.traits;
}

async function drain(world: SyncWorld, channel: string) {
  const worker = world.worker();
  for (let i = 0; i < 100; i++) {
    await worker.runOnce();
    if ((await world.statuses(channel)).pending === 0) return;
    world.now.at += 60_000;
  }
  throw new Error('deliveries still pending');
}

describe.each(freshStores())('Segment write-back to another leadscore on $name', ({ open }) => {
  it('sends a change as an identify the receiving lead takes as traits', async () => {
    const world = await syncWorld(await open());
    const storeB = await receiverStore();
    const b = await receiver(storeB, undefined);
    const channel = await world.channel(
      'segment',
      { host: b.url, path: '/v1/batch' },
      { writeKey: b.workspace.writeKey },
    );
    // The test send proves the host, path and write key without writing a profile.
    const stored = (await world.store.getChannel(world.ws, channel))!;
    const opened = openChannel(stored, PLAIN_SECRETS);
    if (!opened.ok) throw new Error(opened.error);
    const context = {
      store: world.store,
      clock: () => world.now.at,
      publicUrl: undefined,
      log: () => undefined,
    };
    expect(await segmentSender.test(opened.channel, context, undefined)).toMatchObject({
      error: null,
    });
    const wrongKey = { ...opened.channel, secrets: { writeKey: 'nope' } };
    expect(await segmentSender.test(wrongKey, context, undefined)).toMatchObject({
      statusCode: 401,
      permanent: true,
    });

    await world.track([{ id: 'l1', events: ['Demo Requested'] }, { id: 'l2' }]);
    await world.worker().runOnce();
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 2, failed: 0 });
    const score = (await world.store.getScore(world.ws, 'l1'))!.score;
    await until(
      'the receiver has l1',
      async () => (await traitsOf(storeB, b.workspace.ws, 'l1')) !== undefined,
    );
    expect(await traitsOf(storeB, b.workspace.ws, 'l1')).toMatchObject({
      email: 'l1@example.com',
      leadscore_score: Math.round(score),
      leadscore_segment: 'sales',
      leadscore_stage: 'bofu',
      leadscore_owner: 'ann@acme.io',
    });
    expect(await traitsOf(storeB, b.workspace.ws, 'l2')).toMatchObject({
      email: 'l2@example.com',
      leadscore_segment: 'cold',
    });
  });

  it('backfills every lead through a job with progress', async () => {
    const world = await syncWorld(await open());
    const storeB = await receiverStore();
    const b = await receiver(storeB, undefined);
    const leads = Array.from({ length: 7 }, (_, i) => `lead-${i}`);
    // Scored before the channel exists: nothing is queued for it until the backfill.
    await world.track(leads.map((id) => ({ id, events: ['Pricing Viewed'] })));
    const channel = await world.channel(
      'segment',
      { host: b.url, path: '/v1/batch' },
      { writeKey: b.workspace.writeKey },
    );
    const a = await buildApp({
      store: world.store,
      models: new ActiveModels(),
      clock: () => world.now.at,
    });
    apps.push(a);
    const started = await a.inject({
      method: 'POST',
      url: `/v1/channels/${channel}/backfill`,
      headers: world.admin,
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    let job: { status: string; progress: number; total: number } | undefined;
    await until('the backfill job ends', async () => {
      job = (
        await a.inject({ method: 'GET', url: `/v1/jobs/${jobId}`, headers: world.admin })
      ).json();
      return job!.status === 'succeeded' || job!.status === 'failed';
    });
    expect(job).toMatchObject({ status: 'succeeded', progress: 7, total: 7 });
    await drain(world, channel);
    await until('the receiver has every lead', async () => {
      const all = await Promise.all(leads.map((l) => traitsOf(storeB, b.workspace.ws, l)));
      return all.every((t) => t?.leadscore_segment === 'cold');
    });

    const email = await world.channel(
      'email',
      { host: 'smtp.example', from: 'a@example.com' },
      {},
      null as never,
    );
    const refused = await a.inject({
      method: 'POST',
      url: `/v1/channels/${email}/backfill`,
      headers: world.admin,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /^params\.id: .*does not write leads back/,
    );
    const unknown = await a.inject({
      method: 'POST',
      url: '/v1/channels/nope/backfill',
      headers: world.admin,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('loses nothing while the receiver is down: each lead’s latest state arrives', async () => {
    const world = await syncWorld(await open());
    const storeB = await receiverStore();
    const first = await receiver(storeB, undefined);
    const channel = await world.channel(
      'segment',
      { host: first.url, path: '/v1/batch' },
      { writeKey: first.workspace.writeKey },
    );
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);
    const leads = ['a', 'b', 'c', 'd'];
    await world.track(leads.map((id) => ({ id, events: ['Pricing Viewed'] })));
    const worker = world.worker();
    await worker.runOnce();
    // Changes keep coming while it is down: queued behind, or carried by the waiting delivery.
    world.now.at += 60_000;
    await world.track([
      { id: 'a', events: ['Demo Requested'] },
      { id: 'b', events: ['Pricing Viewed'] },
    ]);
    await worker.runOnce();
    const failures = (await world.deliveries(channel)).filter((d) =>
      d.lastError?.startsWith('no answer'),
    );
    expect(failures.length).toBeGreaterThan(0);
    expect((await world.statuses(channel)).failed).toBe(0);

    await receiver(storeB, first.workspace, first.port);
    await drain(world, channel);
    expect((await world.statuses(channel)).failed).toBe(0);
    for (const lead of leads) {
      const score = (await world.store.getScore(world.ws, lead))!;
      await until(`the receiver has ${lead}'s latest state`, async () => {
        const traits = await traitsOf(storeB, first.workspace.ws, lead);
        return (
          traits?.leadscore_score === Math.round(score.score) &&
          traits.leadscore_segment === score.segment
        );
      });
    }
    expect((await traitsOf(storeB, first.workspace.ws, 'a'))!.leadscore_segment).toBe('sales');
  });
});
