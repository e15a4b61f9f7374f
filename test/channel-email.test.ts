// E-mail actions end to end on both stores, against a real SMTP server (smtp-server) read with
// mailparser: a lead entering a segment gets exactly one e-mail per action with its card (the
// name escaped in HTML, score, top contributions, link), `to: owner` goes to the owner the
// segment's assign action just set, a lead without an owner gets none (and a warning says so),
// a relay that is down for a while still gets every message exactly once, and the digest and
// the test send go out too.
import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../src/core/model-errors.js';
import { parseModel } from '../src/core/parse-model.js';
import { channelDispatch } from '../src/service/channels/dispatch.js';
import { openChannel } from '../src/service/channels/open-channel.js';
import { CHANNEL_SENDERS } from '../src/service/channels/senders.js';
import { closeSmtpPools } from '../src/service/channels/smtp-pool.js';
import { PLAIN_SECRETS } from '../src/service/secret-box.js';
import { ACTION_SKIPPED } from '../src/service/changes/channel-messages.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { addModelVersion } from '../src/service/models/add-model-version.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages } from './segment-messages.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { LOCAL_RECEIVERS } from './webhook-receiver.js';

const PUBLIC_URL = 'https://leads.example.com';

const model = parseModel(`
name: mailed
fit:
  criteria:
    - { id: vp, description: Senior title, when: { field: title, contains: VP }, points: 15 }
engagement:
  rules:
    - { id: demo, description: Requested a demo, event: Demo Requested, points: 30 }
    - { id: visit, event: Page Viewed, points: 2 }
segments:
  - id: hot
    description: Sales ready
    above: 20
    stage: bofu
    actions:
      - { type: assign, owners: [ann@acme.io] }
      - { type: email, channel: mail, to: owner }
      - { type: email, channel: mail, to: [team@acme.io], subject: "Hot: {{lead.displayName}}" }
  - id: warm
    above: 5
    stage: mofu
    actions:
      - { type: email, channel: mail, to: owner }
  - { id: cold, stage: tofu }
`);

let receivers: SmtpReceiver[] = [];
afterEach(async () => {
  closeSmtpPools();
  await Promise.all(receivers.map((r) => r.down()));
  receivers = [];
});

async function setUp(open: () => Promise<Store>) {
  const store = await open();
  const now = Date.now();
  const ws = (await store.createWorkspace('w', now)).id;
  const receiver = await SmtpReceiver.start();
  receivers.push(receiver);
  const channel = await store.createChannel(
    ws,
    {
      kind: 'email',
      name: 'mail',
      config: { host: '127.0.0.1', port: receiver.port, from: 'leadscore <ls@acme.io>' },
      secrets: '',
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
        batch.map((c) => ({ messageId: `m${++n}`, timestamp: new Date().toISOString(), ...c })),
        Date.now(),
      ),
      Date.now(),
    );
  const logs: string[] = [];
  const channels = channelDispatch({
    store,
    clock: Date.now,
    publicUrl: () => PUBLIC_URL,
    log: (line) => logs.push(line),
  });
  // random 0: a retry is due at once, so the test waits for nothing but the relay.
  const worker = new WebhookWorker(
    { store, clock: Date.now, random: () => 0, channels },
    LOCAL_RECEIVERS,
  );
  /** Runs the worker until nothing is due (or `rounds` rounds), answering what it claimed. */
  const drain = async (rounds = 20) => {
    let claimed = 0;
    for (let i = 0; i < rounds; i++) {
      const now = await worker.runOnce();
      if (now === 0) break;
      claimed += now;
    }
    return claimed;
  };
  const deliveries = async () => {
    const page = await store.listWebhookDeliveries(ws, channel.subscriptionId, { limit: 100 });
    return Promise.all(
      page.items.map(
        async (d) => (await store.getWebhookDelivery(ws, channel.subscriptionId, d.id))!,
      ),
    );
  };
  return { store, ws, receiver, channel, send, drain, deliveries };
}

describe.each(freshStores())('e-mail actions on $name', ({ open }) => {
  it('sends one e-mail per action with the card, escaped, to the owner just assigned', async () => {
    const { receiver, send, drain, deliveries } = await setUp(open);
    await send([
      {
        type: 'identify',
        userId: 'x1',
        traits: {
          name: '<script>alert(1)</script>',
          title: 'VP Sales',
          company: { name: 'Acme & Co' },
        },
      },
      { type: 'track', userId: 'x1', event: 'Demo Requested' },
    ]);
    await drain();
    expect(receiver.received).toHaveLength(2);
    const [owner] = receiver.to('ann@acme.io');
    const [team] = receiver.to('team@acme.io');
    expect(owner?.subject).toBe('<script>alert(1)</script> entered Sales ready (45)');
    expect(team?.subject).toBe('Hot: <script>alert(1)</script>');
    const html = String(owner?.html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Acme &amp; Co');
    expect(html).toContain(`href="${PUBLIC_URL}/leads/x1"`);
    const text = owner?.text ?? '';
    expect(text).toContain('Score: 45');
    expect(text).toContain('Owner: ann@acme.io');
    expect(text).toContain('- Requested a demo: +30');
    expect(text).toContain('- Senior title: +15');
    expect(text).toMatch(/UTC: Demo Requested \+30/);
    expect(text).toContain(`${PUBLIC_URL}/leads/x1`);
    expect(owner?.from?.value).toEqual([{ name: 'leadscore', address: 'ls@acme.io' }]);

    // Each e-mail's Message-ID is its delivery's message id.
    const sent = await deliveries();
    expect(sent.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    expect(receiver.received.map((m) => m.messageId).sort()).toEqual(
      sent.map((d) => `<${d.messageId}@leadscore>`).sort(),
    );
    expect(sent.map((d) => d.type)).toEqual(['channel.email', 'channel.email']);
  });

  it('enqueues nothing for `to: owner` when the lead has no owner, and warns', async () => {
    const { receiver, send, drain, deliveries } = await setUp(open);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      await send([
        { type: 'track', userId: 'w1', event: 'Page Viewed' },
        { type: 'track', userId: 'w1', event: 'Page Viewed' },
        { type: 'track', userId: 'w1', event: 'Page Viewed' },
      ]);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(await drain()).toBe(0);
    expect(await deliveries()).toEqual([]);
    expect(receiver.received).toEqual([]);
    expect(warnings.map((w) => [(w as Error & { code?: string }).code, w.message])).toEqual([
      [
        ACTION_SKIPPED,
        'email action segments[1].actions[0] for lead w1 not sent: the lead has no owner',
      ],
    ]);
  });

  it('delivers every e-mail exactly once when the relay is down for a while', async () => {
    const { receiver, send, drain, deliveries } = await setUp(open);
    await receiver.down();
    for (const id of ['a', 'b', 'c'])
      await send([{ type: 'track', userId: id, event: 'Demo Requested' }]);
    // Attempts fail (connection refused) and are retried.
    await drain(3);
    expect(receiver.received).toEqual([]);
    const failing = await deliveries();
    expect(failing).toHaveLength(6);
    expect(failing.every((d) => d.status === 'pending')).toBe(true);
    // A lead's second e-mail waits for its first (messages of a lead go in order).
    const tried = failing.filter((d) => d.attemptCount > 0);
    expect(tried.length).toBeGreaterThanOrEqual(3);
    expect(tried.every((d) => /^SMTP: /.test(d.attempts[0]?.error ?? ''))).toBe(true);

    await receiver.up();
    await drain();
    const sent = await deliveries();
    expect(sent.map((d) => d.status)).toEqual(sent.map(() => 'succeeded'));
    const ids = receiver.received.map((m) => m.messageId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(ids.sort()).toEqual(sent.map((d) => `<${d.messageId}@leadscore>`).sort());
  });

  it('fails for good on a 5xx refusal and retries a 4xx one', async () => {
    const { receiver, send, drain, deliveries } = await setUp(open);
    receiver.refuse.set('team@acme.io', 550);
    receiver.refuse.set('ann@acme.io', 451);
    await send([{ type: 'track', userId: 'r1', event: 'Demo Requested' }]);
    await drain(3);
    const [team, owner] = await Promise.all(
      ['team@acme.io', 'ann@acme.io'].map(async (to) =>
        (await deliveries()).find((d) => (d.data.to as string[])[0] === to),
      ),
    );
    expect(owner?.status).toBe('pending');
    expect(owner?.attempts.map((a) => a.statusCode)).toEqual(owner?.attempts.map(() => 451));
    receiver.refuse.delete('ann@acme.io');
    await drain();
    expect(receiver.received.map((m) => m.subject)).toEqual(['r1 entered Sales ready (30)']);
    const final = await deliveries();
    expect(final.find((d) => d.id === owner?.id)?.status).toBe('succeeded');
    expect(final.find((d) => d.id === team?.id)).toMatchObject({
      status: 'failed',
      attemptCount: 1,
      attempts: [
        expect.objectContaining({ statusCode: 550, error: expect.stringMatching(/^SMTP: .*550/) }),
      ],
    });
  });

  it('sends a digest, and a test e-mail to the address given', async () => {
    const { store, ws, receiver, channel, drain } = await setUp(open);
    const item = {
      id: 'd1',
      name: 'Dee <D>',
      company: 'Acme',
      score: 61,
      grade: 'A',
      segment: 'hot',
      since: Date.UTC(2026, 3, 1, 7),
      link: null,
    };
    await store.transaction((tx) =>
      tx.enqueueNotifications(ws, [
        {
          type: 'channel.digest',
          channelId: channel.id,
          leadId: null,
          at: Date.now(),
          data: {
            owner: 'ann@acme.io',
            to: 'ann@acme.io',
            day: '2026-04-01',
            timeZone: 'Europe/Paris',
            handOvers: [item],
            hot: [],
            waiting: [item],
            waitingHours: 24,
            link: null,
          },
        },
      ]),
    );
    await drain();
    const [digest] = receiver.to('ann@acme.io');
    expect(digest?.subject).toBe('Your leads on 2026-04-01: 1 new, 0 hot, 1 waiting');
    expect(String(digest?.html)).toContain(`<a href="${PUBLIC_URL}/leads/d1">Dee &lt;D&gt;</a>`);
    expect(digest?.text).toContain('Waiting for acceptance (24 hours or more):');

    const opened = openChannel(channel, PLAIN_SECRETS);
    if (!opened.ok) throw new Error(opened.error);
    const context = { store, clock: Date.now, publicUrl: PUBLIC_URL, log: () => {} };
    const sender = CHANNEL_SENDERS.email!;
    expect(await sender.test(opened.channel, context, 'me@acme.io')).toMatchObject({
      statusCode: 250,
      error: null,
    });
    expect(receiver.to('me@acme.io')[0]?.subject).toBe('leadscore test: Ada Lovelace (sample)');
    expect(await sender.test(opened.channel, context, undefined)).toMatchObject({
      error: 'a test e-mail needs an address to go to',
      permanent: true,
    });
  });

  it('rebuilds the pooled transport when the channel is changed', async () => {
    const { store, ws, receiver, channel, send, drain } = await setUp(open);
    await send([{ type: 'track', userId: 'p1', event: 'Demo Requested' }]);
    await drain();
    expect(receiver.received).toHaveLength(2);
    const moved = await SmtpReceiver.start();
    receivers.push(moved);
    await store.updateChannel(
      ws,
      channel.id,
      { config: { ...channel.config, port: moved.port } },
      Date.now(),
    );
    await send([{ type: 'track', userId: 'p2', event: 'Demo Requested' }]);
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(moved.received.map((m) => m.subject)).toContain('p2 entered Sales ready (30)');
  });

  it('refuses a model naming an unknown channel, or a template that does not compile', async () => {
    const { store, ws } = await setUp(open);
    const bad = parseModel(
      'name: x\nsegments:\n  - { id: all, stage: tofu, actions: [ { type: slack, channel: mail }, { type: email, channel: mail, to: owner, subject: "{{#if x}}" } ] }\n',
    );
    const error = await addModelVersion(store, ws, bad, Date.now()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems).toEqual([
      {
        path: 'segments[0].actions[0].channel',
        message: 'channel "mail" is of kind email; a slack action needs a slack channel',
      },
      {
        path: 'segments[0].actions[1].subject',
        message: "not a valid template: Parse error on line 1: unexpected 'EOF'",
      },
    ]);
  });
});
