// End to end: the daily digest by e-mail through a real SMTP server (smtp-server) started here,
// with two servers' digest rounds over one database: each owner's digest arrives once per day.
// Needs the e-mail sender (branch h-msg registers CHANNEL_SENDERS.email): enable it after merging.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { channelDispatch } from '../src/service/channels/dispatch.js';
import { DigestScheduler } from '../src/service/digest/digest-scheduler.js';
import { setDigestSettings } from '../src/service/digest/digest-settings.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { Store } from '../src/store/port.js';
import { ago, ANN, BOB, HOUR, NOW, seededWorkspace } from './digest-fixture.js';
import { freshStores } from './fresh-stores.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server on a free port of this machine that keeps what it receives. */
async function smtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
          received.push({
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe.each(freshStores())('daily digest by e-mail on $name', (kind) => {
  it('arrives once per owner and day with two servers, with the owner’s leads', async () => {
    const mail = await smtp();
    closing.push(mail.close);
    const shared = await kind.openShared();
    const ws = await seededWorkspace(shared.store);
    const channel = await shared.store.createChannel(
      ws,
      {
        kind: 'email',
        name: 'mail',
        config: { host: '127.0.0.1', port: mail.port, from: 'leadscore <digest@example.com>' },
        secrets: '',
        sync: null,
        createdBy: null,
      },
      ago(100),
    );
    await setDigestSettings(
      shared.store,
      ws,
      { channelIds: [channel.id], hour: 8, timeZone: 'UTC', waitingHours: 24 },
      ago(100),
    );
    let now = NOW;
    const servers = [shared.store, shared.another()];
    const round = (store: Store) =>
      new DigestScheduler({
        store,
        models: new ActiveModels(),
        defaults: { hour: null },
        publicUrl: () => 'https://scores.example.com',
        clock: () => now,
      }).checkNow();
    const deliver = async () => {
      const worker = new WebhookWorker({
        store: shared.store,
        clock: () => now,
        random: () => 0.5,
        channels: channelDispatch({
          store: shared.store,
          clock: () => now,
          publicUrl: () => 'https://scores.example.com',
          log: () => undefined,
        }),
      });
      while ((await worker.runOnce()) > 0);
    };

    for (const store of servers) await round(store);
    await deliver();
    for (const store of servers) await round(store);
    await deliver();
    expect(mail.received.map((m) => m.to).sort()).toEqual([[ANN], [BOB]]);
    const ann = mail.received.find((m) => m.to.includes(ANN))!;
    expect(ann.text).toContain('Lead a-new');
    expect(ann.text).toContain('https://scores.example.com/leads/a-new');
    expect(ann.text).not.toContain('b-new');

    now = NOW + 24 * HOUR;
    for (const store of servers) await round(store);
    await deliver();
    expect(mail.received).toHaveLength(4);
  });
});
