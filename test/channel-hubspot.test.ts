// HubSpot write-back against a local HubSpot that checks each request against the documented
// shapes (test/hubspot-mock.ts), on both stores: properties created on set-up, each lead's
// latest state in one batch upsert by e-mail, batches of at most 100, unchanged states not sent,
// 429 with Retry-After and 5xx retried until everything arrives, a refused record failed alone.
import { afterEach, describe, expect, it } from 'vitest';
import { freshStores } from './fresh-stores.js';
import { HubspotMock } from './hubspot-mock.js';
import { syncWorld, T0, type SyncWorld } from './sync-fixture.js';

const mocks: HubspotMock[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});

async function setup(open: () => Promise<import('../src/store/port.js').Store>) {
  const world = await syncWorld(await open());
  const hubspot = await HubspotMock.start();
  mocks.push(hubspot);
  const channel = await world.channel(
    'hubspot',
    { baseUrl: hubspot.url },
    { accessToken: hubspot.token },
  );
  return { world, hubspot, channel };
}

/** Runs the worker, moving the clock a minute at a time, until nothing is pending. */
async function drain(world: SyncWorld, channel: string, rounds = 200) {
  const worker = world.worker();
  for (let i = 0; i < rounds; i++) {
    await worker.runOnce();
    if ((await world.statuses(channel)).pending === 0) return;
    world.now.at += 60_000;
  }
  throw new Error('deliveries still pending');
}

describe.each(freshStores())('HubSpot write-back on $name', ({ open }) => {
  it('writes each lead’s latest state in one batch upsert, and nothing for an unchanged one', async () => {
    const { world, hubspot, channel } = await setup(open);
    await world.track([
      { id: 'l1', events: ['Demo Requested'] },
      { id: 'l2', events: ['Pricing Viewed', 'Pricing Viewed'] },
      { id: 'l3' },
    ]);
    // A later change of l2 while its first is still queued: one write carries both.
    await world.track([{ id: 'l2', events: ['Pricing Viewed'] }]);
    await world.worker().runOnce();

    expect(hubspot.violations).toEqual([]);
    expect([...hubspot.groups]).toEqual(['leadscore']);
    expect([...hubspot.properties.keys()].sort()).toEqual([
      'leadscore_grade',
      'leadscore_owner',
      'leadscore_score',
      'leadscore_segment',
      'leadscore_stage',
    ]);
    expect(hubspot.properties.get('leadscore_score')).toMatchObject({
      type: 'number',
      groupName: 'leadscore',
    });
    expect(hubspot.upserts).toHaveLength(1);
    expect(hubspot.upserts[0]!.inputs.map((i) => i.id).sort()).toEqual([
      'l1@example.com',
      'l2@example.com',
      'l3@example.com',
    ]);
    const scores = await world.store.getScores(world.ws, ['l1', 'l2', 'l3']);
    expect(hubspot.contacts.get('l1@example.com')!.properties).toMatchObject({
      leadscore_score: String(Math.round(scores.get('l1')!.score)),
      leadscore_segment: 'sales',
      leadscore_stage: 'bofu',
      leadscore_owner: 'ann@acme.io',
      leadscore_grade: '',
    });
    expect(hubspot.contacts.get('l2@example.com')!.properties).toMatchObject({
      leadscore_score: String(Math.round(scores.get('l2')!.score)),
      leadscore_segment: 'warm',
    });
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 3, failed: 0 });

    // A change message with nothing visible changed: done without a call.
    await world.store.transaction((tx) =>
      tx.enqueueNotifications(world.ws, [
        {
          type: 'lead.changed',
          leadId: 'l1',
          at: world.now.at,
          data: { leadId: 'l1' },
          channelId: channel,
        },
      ]),
    );
    await world.worker().runOnce();
    expect(hubspot.upserts).toHaveLength(1);
    const l1 = (await world.deliveries(channel)).filter((d) => d.leadId === 'l1');
    expect(l1.map((d) => [d.status, d.excerpt])).toContainEqual([
      'succeeded',
      'unchanged, not sent',
    ]);

    // A visible change of one lead: that lead alone is written.
    await world.track([{ id: 'l3', events: ['Pricing Viewed', 'Pricing Viewed'] }]);
    await world.worker().runOnce();
    expect(hubspot.upserts).toHaveLength(2);
    expect(hubspot.upserts[1]!.inputs.map((i) => i.id)).toEqual(['l3@example.com']);
    expect(hubspot.contacts.get('l3@example.com')!.properties.leadscore_segment).toBe('warm');
  });

  it('writes 250 leads in ceil(250 / 100) batch calls, each lead once', async () => {
    const { world, hubspot, channel } = await setup(open);
    const ids = Array.from({ length: 250 }, (_, i) => `lead-${i}`);
    await world.track(ids.map((id) => ({ id, events: ['Pricing Viewed'] })));
    await drain(world, channel);
    expect(hubspot.violations).toEqual([]);
    expect(hubspot.upserts.map((u) => u.inputs.length)).toEqual([100, 100, 50]);
    const written = hubspot.upserts.flatMap((u) => u.inputs.map((i) => i.id));
    expect(new Set(written).size).toBe(250);
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 250, failed: 0 });
  });

  it('waits as a 429 asks, retries a 5xx, and every lead’s state arrives', async () => {
    const { world, hubspot, channel } = await setup(open);
    await world.track(['a', 'b', 'c'].map((id) => ({ id, events: ['Pricing Viewed'] })));
    hubspot.script.push(
      {
        status: 429,
        headers: { 'retry-after': '30' },
        body: { status: 'error', category: 'RATE_LIMITS' },
      },
      { status: 502, body: { status: 'error', message: 'Bad gateway' } },
    );
    const worker = world.worker();
    await worker.runOnce();
    expect(hubspot.upserts).toHaveLength(1);
    world.now.at = T0 + 29_000;
    expect(await worker.runOnce()).toBe(0);
    world.now.at = T0 + 30_000;
    await worker.runOnce();
    expect(hubspot.upserts).toHaveLength(2);
    expect((await world.deliveries(channel)).map((d) => d.lastError)).toEqual([
      'HTTP 502',
      'HTTP 502',
      'HTTP 502',
    ]);
    await drain(world, channel);
    expect(hubspot.upserts).toHaveLength(3);
    expect([...hubspot.contacts.keys()].sort()).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(await world.statuses(channel)).toEqual({ pending: 0, succeeded: 3, failed: 0 });
    expect(hubspot.violations).toEqual([]);
  });

  it('fails a record refused in a 207 for good and writes the rest of its batch', async () => {
    const { world, hubspot, channel } = await setup(open);
    hubspot.refuseInBatch.add('odd@example.com');
    await world.track(['one', 'odd', 'two'].map((id) => ({ id, events: ['Pricing Viewed'] })));
    await world.worker().runOnce();
    expect(hubspot.upserts).toHaveLength(1);
    const byLead = Object.fromEntries(
      (await world.deliveries(channel)).map((d) => [d.leadId, [d.status, d.lastError]]),
    );
    expect(byLead).toEqual({
      one: ['succeeded', null],
      two: ['succeeded', null],
      odd: [
        'failed',
        'HubSpot refused the contact: VALIDATION_ERROR: Property values were not valid for odd@example.com',
      ],
    });
    expect([...hubspot.contacts.keys()].sort()).toEqual(['one@example.com', 'two@example.com']);
    expect(hubspot.violations).toEqual([]);
  });

  it('fails a refused record and a lead without an e-mail for good, and writes the others', async () => {
    const { world, hubspot, channel } = await setup(open);
    hubspot.refuse.add('bad@example.com');
    await world.track([
      { id: 'good', events: ['Pricing Viewed'] },
      { id: 'bad', email: 'bad@example.com', events: ['Pricing Viewed'] },
      { id: 'anon', email: null, events: ['Pricing Viewed'] },
    ]);
    await world.worker().runOnce();
    const byLead = Object.fromEntries(
      (await world.deliveries(channel)).map((d) => [d.leadId, [d.status, d.lastError]]),
    );
    expect(byLead).toEqual({
      good: ['succeeded', null],
      bad: ['failed', 'HTTP 400'],
      anon: [
        'failed',
        'not sent: the lead has no e-mail and no HubSpot contact id is known for it',
      ],
    });
    expect([...hubspot.contacts.keys()]).toEqual(['good@example.com']);
    expect(hubspot.violations).toEqual([]);
  });
});
