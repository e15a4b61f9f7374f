// Slack actions end to end on both stores, against a local stand-in for an incoming webhook that
// checks each request's documented shape (slack-receiver.ts): the Block Kit card (header,
// fields, top contributions, a button to the lead), a 429 with Retry-After waited out, a 500
// retried, a 4xx failed for good, the channel's test send, and the SSRF guard.
import { afterEach, describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { channelDispatch } from '../src/service/channels/dispatch.js';
import { openChannel } from '../src/service/channels/open-channel.js';
import { CHANNEL_SENDERS } from '../src/service/channels/senders.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { addModelVersion } from '../src/service/models/add-model-version.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { PLAIN_SECRETS } from '../src/service/secret-box.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages } from './segment-messages.js';
import { SlackReceiver } from './slack-receiver.js';
import { LOCAL_RECEIVERS } from './webhook-receiver.js';

const PUBLIC_URL = 'https://leads.example.com';

const model = parseModel(`
name: posted
engagement:
  rules:
    - { id: demo, description: Requested a demo, event: Demo Requested, points: 30 }
segments:
  - id: hot
    description: Sales ready
    above: 20
    stage: bofu
    actions:
      - { type: assign, owners: [ann@acme.io] }
      - { type: slack, channel: sales, text: "*{{lead.displayName}}* is hot: call now" }
  - { id: cold, stage: tofu }
`);

let receivers: SlackReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function setUp(open: () => Promise<Store>) {
  const store = await open();
  let now = Date.now();
  const ws = (await store.createWorkspace('w', now)).id;
  const receiver = await SlackReceiver.start();
  receivers.push(receiver);
  const channel = await store.createChannel(
    ws,
    {
      kind: 'slack',
      name: 'sales',
      config: {},
      secrets: JSON.stringify({ webhookUrl: receiver.url }),
      sync: null,
      createdBy: null,
    },
    now,
  );
  const { version } = await addModelVersion(store, ws, model, now);
  await store.activateModel(ws, version, now);
  const models = new ActiveModels();
  let n = 0;
  const send = (batch: Record<string, unknown>[]) =>
    ingestMessages(
      store,
      models,
      ws,
      segmentMessages(
        batch.map((c) => ({ messageId: `m${++n}`, timestamp: new Date(now).toISOString(), ...c })),
        now,
      ),
      now,
    );
  const clock = () => now;
  // The receiver is on loopback: the SSRF guard is off here, as with LEADSCORE_WEBHOOK_ALLOW_PRIVATE.
  const channels = channelDispatch({
    store,
    clock,
    publicUrl: () => PUBLIC_URL,
    log: () => {},
    blockPrivateNetworks: false,
  });
  const worker = new WebhookWorker({ store, clock, random: () => 0, channels }, LOCAL_RECEIVERS);
  const deliveries = async () => {
    const page = await store.listWebhookDeliveries(ws, channel.subscriptionId, { limit: 100 });
    return Promise.all(
      page.items.map(
        async (d) => (await store.getWebhookDelivery(ws, channel.subscriptionId, d.id))!,
      ),
    );
  };
  const advance = (ms: number) => (now += ms);
  return { store, receiver, channel, send, worker, deliveries, advance, clock };
}

describe.each(freshStores())('Slack actions on $name', ({ open }) => {
  it('posts the card as Block Kit: header, fields, contributions, a button to the lead', async () => {
    const { receiver, send, worker, deliveries } = await setUp(open);
    await send([
      { type: 'identify', userId: 's1', traits: { name: 'Bo <b> & Co', title: 'CTO' } },
      { type: 'track', userId: 's1', event: 'Demo Requested' },
    ]);
    expect(await worker.runOnce()).toBe(1);
    expect(receiver.problems).toEqual([]);
    expect(receiver.posts).toHaveLength(1);
    const [post] = receiver.posts;
    expect(post?.text).toBe('*Bo &lt;b&gt; &amp; Co* is hot: call now');
    expect(post?.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Bo <b> & Co', emoji: false } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Bo &lt;b&gt; &amp; Co* is hot: call now' },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Score*\n30' },
          { type: 'mrkdwn', text: '*Segment*\nSales ready' },
          { type: 'mrkdwn', text: '*Stage*\nbofu' },
          { type: 'mrkdwn', text: '*Owner*\nann@acme.io' },
          { type: 'mrkdwn', text: '*Title*\nCTO' },
        ],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Why this score*\n• Requested a demo: +30' },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: expect.stringMatching(/^\*Why now\*\n• .* UTC: Demo Requested \+30$/),
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open the lead' },
            url: `${PUBLIC_URL}/leads/s1`,
            action_id: 'open_lead',
          },
        ],
      },
    ]);
    expect((await deliveries())[0]).toMatchObject({ status: 'succeeded', type: 'channel.slack' });
  });

  it('waits out a 429 for its Retry-After, retries a 500, and then posts once', async () => {
    const { receiver, send, worker, deliveries, advance, clock } = await setUp(open);
    receiver.script.push(
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '30' } },
      { status: 500, body: 'internal_error' },
    );
    await send([{ type: 'track', userId: 'r1', event: 'Demo Requested' }]);
    const t0 = clock();
    expect(await worker.runOnce()).toBe(1);
    let [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'pending', nextAttemptAt: t0 + 30_000 });
    expect(delivery?.attempts[0]).toMatchObject({
      statusCode: 429,
      responseExcerpt: 'rate_limited',
    });
    advance(29_999);
    expect(await worker.runOnce(), 'nothing before Retry-After').toBe(0);
    advance(1);
    expect(await worker.runOnce()).toBe(1);
    [delivery] = await deliveries();
    expect(delivery?.attempts.map((a) => a.statusCode)).toEqual([429, 500]);
    expect(delivery?.status).toBe('pending');
    expect(await worker.runOnce()).toBe(1);
    [delivery] = await deliveries();
    expect(delivery?.status).toBe('succeeded');
    expect(receiver.posts).toHaveLength(1);
  });

  it('fails for good on a 4xx other than 429', async () => {
    const { receiver, send, worker, deliveries } = await setUp(open);
    receiver.script.push({ status: 404, body: 'channel_not_found' });
    await send([{ type: 'track', userId: 'g1', event: 'Demo Requested' }]);
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect((await deliveries())[0]).toMatchObject({
      status: 'failed',
      attemptCount: 1,
      attempts: [
        expect.objectContaining({ statusCode: 404, responseExcerpt: 'channel_not_found' }),
      ],
    });
    expect(receiver.posts).toEqual([]);
  });

  it('sends a sample message as the channel test', async () => {
    const { receiver, channel, clock, store } = await setUp(open);
    const opened = openChannel(channel, PLAIN_SECRETS);
    if (!opened.ok) throw new Error(opened.error);
    const context = { store, clock, publicUrl: PUBLIC_URL, log: () => {} };
    const sender = CHANNEL_SENDERS.slack!;
    const report = await sender.test(
      opened.channel,
      { ...context, blockPrivateNetworks: false },
      undefined,
    );
    expect(report).toMatchObject({ statusCode: 200, error: null });
    expect(receiver.problems).toEqual([]);
    expect(receiver.posts[0]?.text).toBe('A test message from leadscore: *Ada Lovelace (sample)*');
    // With the SSRF guard on (the default), a webhook URL on loopback is refused for good.
    expect(await sender.test(opened.channel, context, undefined)).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(
        /^not sent: refused: 127.0.0.1 is a private or loopback address/,
      ),
      permanent: true,
    });
    expect(receiver.posts).toHaveLength(1);
  });
});
