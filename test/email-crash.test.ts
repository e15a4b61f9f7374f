// E-mail actions' messages survive a crash of `leadscore serve` on both stores, as webhooks do
// (webhook-crash.test.ts): the test writes `channel.email` messages for an e-mail channel into
// the server's database itself; the SMTP relay (a real smtp-server) is down, the server retries,
// is killed with SIGKILL while they are pending, and more are written while it is dead; restarted
// with the relay up, it sends every one, exactly once per delivery (its Message-ID).
import { describe, expect, it } from 'vitest';
import type { LeadCard } from '../src/service/channels/message-data.js';
import type { NewNotification } from '../src/store/port.js';
import { crashTargets, until } from './crash-targets.js';
import { startServe } from './serve-process.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { ALLOW_PRIVATE_ENV } from './webhook-receiver.js';

const ADMIN = 'ls_admin_email-crash-admin-k-key-0123456789';
const LEADS = Array.from({ length: 8 }, (_, i) => `lead-${i}`);
const ENV = {
  LEADSCORE_ADMIN_KEY: ADMIN,
  LEADSCORE_WRITE_KEY: 'ls_write_email-crash-write-k-key-0123456789',
  ...ALLOW_PRIVATE_ENV,
  LEADSCORE_WEBHOOK_POLL_MS: '25',
  LEADSCORE_WEBHOOK_TIMEOUT_MS: '2000',
  LEADSCORE_WEBHOOK_LEASE_MS: '3000',
  LEADSCORE_WEBHOOK_BACKOFF_BASE_MS: '20',
  LEADSCORE_WEBHOOK_BACKOFF_MAX_MS: '150',
  LEADSCORE_WEBHOOK_DISABLE_AFTER: '100000',
};

const targets = crashTargets('mailcrash');

const card = (leadId: string, seq: number): LeadCard => ({
  id: leadId,
  name: `Lead ${seq}`,
  email: null,
  company: null,
  title: null,
  score: seq,
  grade: null,
  segment: 'hot',
  segmentLabel: null,
  stage: 'bofu',
  owner: null,
  topContributions: [],
  recent: [],
  link: null,
});

describe.each(targets)('e-mail messages across a crash on $name', ({ make }) => {
  it('sends every message written before, during and after a SIGKILL, once each', async () => {
    const target = await make();
    const env = { ...target.env, ...ENV };
    const relay = await SmtpReceiver.start();
    await relay.down();
    const first = await startServe(target.db, env);
    const store = target.open();
    try {
      const [workspace] = await store.listWorkspaces();
      if (!workspace) throw new Error('the server made no workspace');
      const ws = workspace.id;
      const channel = await store.createChannel(
        ws,
        {
          kind: 'email',
          name: 'mail',
          config: { host: '127.0.0.1', port: relay.port, from: 'ls@acme.io' },
          secrets: '',
          sync: null,
          createdBy: null,
        },
        Date.now(),
      );
      const queue = channel.subscriptionId;

      let seq = 0;
      const produce = async (rounds: number) => {
        for (let r = 0; r < rounds; r++) {
          const notes: NewNotification[] = LEADS.map((leadId) => {
            const n = seq++;
            return {
              type: 'channel.email',
              channelId: channel.id,
              leadId,
              data: { to: ['rep@acme.io'], subject: `n{{lead.score}}`, lead: card(leadId, n) },
              at: Date.now(),
            };
          });
          await store.transaction((tx) => tx.enqueueNotifications(ws, notes));
        }
      };
      const tried = async () => {
        const page = await store.listWebhookDeliveries(ws, queue, { limit: 100 });
        return page.items.filter((d) => d.lastError?.startsWith('SMTP: ')).length;
      };

      await produce(2);
      await until('the server has tried the relay', async () => (await tried()) >= 4);
      await produce(1);
      expect(await first.stop('SIGKILL')).toBeNull();
      // Written while no server runs: the outbox keeps them.
      await produce(1);
      const pending = await store.listWebhookDeliveries(ws, queue, {
        status: ['pending'],
        limit: 1000,
      });
      expect(pending.items).toHaveLength(seq);

      await relay.up();
      const second = await startServe(target.db, env);
      try {
        await until('every message arrived', () => relay.received.length >= seq);
        await produce(1);
        await until('the last ones arrived', () => relay.received.length >= seq);
      } finally {
        expect(await second.stop('SIGTERM')).toBe(0);
      }

      const subjects = relay.received.map((m) => Number(m.subject?.slice(1)));
      expect([...subjects].sort((a, b) => a - b)).toEqual(Array.from({ length: seq }, (_, i) => i));
      const all = await store.listWebhookDeliveries(ws, queue, { limit: 1000 });
      expect(all.items.map((d) => d.status)).toEqual(all.items.map(() => 'succeeded'));
      const ids = relay.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(seq);
      expect([...ids].sort()).toEqual(all.items.map((d) => `<${d.messageId}@leadscore>`).sort());
    } finally {
      await store.close();
      await relay.down();
    }
  });
});
