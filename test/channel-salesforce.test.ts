// Salesforce write-back against a local Salesforce that checks each request against the
// documented shapes (test/salesforce-mock.ts), on both stores: OAuth client credentials and the
// username-password flow, Leads found by Email and updated through sObject Collections with the
// `__c` custom fields, a lead Salesforce does not have failed for good, 429 / 503 with
// Retry-After and an expired session retried, batches, unchanged states not sent.
import { afterEach, describe, expect, it } from 'vitest';
import { openChannel } from '../src/service/channels/open-channel.js';
import { salesforceSender } from '../src/service/channels/salesforce-sender.js';
import { PLAIN_SECRETS } from '../src/service/secret-box.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { SalesforceMock, SF_VERSION } from './salesforce-mock.js';
import { syncWorld, T0, type SyncWorld } from './sync-fixture.js';

const mocks: SalesforceMock[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});

async function setup(open: () => Promise<Store>, flow: 'client_credentials' | 'password') {
  const world = await syncWorld(await open());
  const sf = await SalesforceMock.start();
  mocks.push(sf);
  const channel = await world.channel(
    'salesforce',
    {
      loginUrl: sf.url,
      flow,
      clientId: 'client-id',
      apiVersion: SF_VERSION,
      ...(flow === 'password' ? { username: 'rep@acme.io' } : {}),
    },
    {
      clientSecret: 'client-secret',
      ...(flow === 'password' ? { password: 'pw', securityToken: 'TOKEN' } : {}),
    },
  );
  return { world, sf, channel };
}

async function drain(world: SyncWorld, channel: string) {
  const worker = world.worker();
  for (let i = 0; i < 200; i++) {
    await worker.runOnce();
    if ((await world.statuses(channel)).pending === 0) return;
    world.now.at += 60_000;
  }
  throw new Error('deliveries still pending');
}

describe.each(freshStores())('Salesforce write-back on $name', ({ open }) => {
  it.each(['password', 'client_credentials'] as const)(
    'logs in (%s), finds Leads by Email and updates them in one collection call',
    async (flow) => {
      const { world, sf, channel } = await setup(open, flow);
      const ids = ['l1', 'l2'].map((l) => sf.addLead(`${l}@example.com`));
      await world.track([
        { id: 'l1', events: ['Demo Requested'] },
        { id: 'l2', events: ['Pricing Viewed', 'Pricing Viewed'] },
        { id: 'stranger', events: ['Pricing Viewed'] },
      ]);
      await world.worker().runOnce();
      expect(sf.violations).toEqual([]);
      expect(sf.logins.map((l) => l.grant_type)).toEqual([flow]);
      expect(sf.queries).toHaveLength(1);
      expect(sf.updates).toHaveLength(1);
      expect(sf.updates[0]!.records.map((r) => r.id).sort()).toEqual([...ids].sort());
      const scores = await world.store.getScores(world.ws, ['l1']);
      expect(sf.byEmail('l1@example.com')).toMatchObject({
        leadscore_score__c: Math.round(scores.get('l1')!.score),
        leadscore_segment__c: 'sales',
        leadscore_stage__c: 'bofu',
        leadscore_owner__c: 'ann@acme.io',
        leadscore_grade__c: null,
      });
      const byLead = Object.fromEntries(
        (await world.deliveries(channel)).map((d) => [d.leadId, [d.status, d.lastError]]),
      );
      expect(byLead).toEqual({
        l1: ['succeeded', null],
        l2: ['succeeded', null],
        stranger: [
          'failed',
          'not sent: no Lead with the e-mail stranger@example.com in Salesforce',
        ],
      });

      // The session is kept; an unchanged lead is not written again.
      await world.store.transaction((tx) =>
        tx.enqueueNotifications(world.ws, [
          { type: 'lead.changed', leadId: 'l1', at: world.now.at, data: {}, channelId: channel },
        ]),
      );
      await world.track([{ id: 'l2', events: ['Demo Requested'] }]);
      await world.worker().runOnce();
      expect(sf.logins).toHaveLength(1);
      expect(sf.updates).toHaveLength(2);
      expect(sf.updates[1]!.records.map((r) => r.id)).toEqual([ids[1]]);
      expect(sf.byEmail('l2@example.com')!.leadscore_segment__c).toBe('sales');
    },
  );

  it('proves the login on a test send, and names a refused one', async () => {
    const { world, sf, channel } = await setup(open, 'client_credentials');
    const stored = (await world.store.getChannel(world.ws, channel))!;
    const opened = openChannel(stored, PLAIN_SECRETS);
    if (!opened.ok) throw new Error(opened.error);
    const context = {
      store: world.store,
      clock: () => world.now.at,
      publicUrl: undefined,
      log: () => undefined,
    };
    expect(await salesforceSender.test(opened.channel, context, undefined)).toMatchObject({
      error: null,
      responseExcerpt: 'logged in; Lead can be read',
    });
    const wrong = {
      channel: { ...opened.channel.channel, updatedAt: opened.channel.channel.updatedAt + 1 },
      secrets: { clientSecret: 'wrong' },
    };
    expect(await salesforceSender.test(wrong, context, undefined)).toMatchObject({
      error: 'Salesforce refused the login: invalid_grant: authentication failure',
      permanent: true,
    });
    expect(JSON.stringify(await salesforceSender.test(wrong, context, undefined))).not.toContain(
      'wrong',
    );
    expect(sf.violations).toEqual([]);
  });

  it('waits as 429 and 503 ask, logs in again after a 401, and every state arrives', async () => {
    const { world, sf, channel } = await setup(open, 'client_credentials');
    for (const l of ['a', 'b']) sf.addLead(`${l}@example.com`);
    await world.track(['a', 'b'].map((id) => ({ id, events: ['Pricing Viewed'] })));
    sf.script.push({
      status: 429,
      headers: { 'retry-after': '20' },
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }],
    });
    const worker = world.worker();
    await worker.runOnce();
    world.now.at = T0 + 19_000;
    expect(await worker.runOnce()).toBe(0);
    world.now.at = T0 + 20_000;
    sf.script.push({
      status: 503,
      headers: { 'retry-after': '40' },
      body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }],
    });
    await worker.runOnce();
    world.now.at = T0 + 59_000;
    expect(await worker.runOnce()).toBe(0);
    sf.expireSessions();
    world.now.at = T0 + 60_000;
    await worker.runOnce();
    expect((await world.deliveries(channel)).map((d) => d.lastError)).toEqual([
      'HTTP 401',
      'HTTP 401',
    ]);
    await drain(world, channel);
    expect(sf.logins).toHaveLength(2);
    expect(sf.byEmail('a@example.com')!.leadscore_segment__c).toBe('cold');
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 2, failed: 0 });
    expect(sf.violations).toEqual([]);
  });

  it('writes 250 leads in ceil(250 / 100) collection calls', async () => {
    const { world, sf, channel } = await setup(open, 'client_credentials');
    const leads = Array.from({ length: 250 }, (_, i) => `lead-${i}`);
    for (const l of leads) sf.addLead(`${l}@example.com`);
    await world.track(leads.map((id) => ({ id, events: ['Pricing Viewed'] })));
    await drain(world, channel);
    expect(sf.updates.map((u) => u.records.length)).toEqual([100, 100, 50]);
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 250, failed: 0 });
    expect(sf.violations).toEqual([]);
  });
});
