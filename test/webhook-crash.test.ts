// The webhook outbox survives a crash of `leadscore serve` on both stores. The server runs as a
// child process; the test writes notifications into the same database itself (as another
// process would: SQLite in WAL mode takes two writers, each waiting for the other's lock), with
// enqueueNotifications in a transaction. The receiver is down, the server retries, is killed
// with SIGKILL while deliveries are pending, and more notifications are written while it is
// dead; restarted with the receiver up, it delivers every one, each lead in order.
import { describe, expect, it } from 'vitest';
import type { NewNotification } from '../src/store/port.js';
import { crashTargets, until } from './crash-targets.js';
import { startServe } from './serve-process.js';
import { ALLOW_PRIVATE_ENV, Receiver } from './webhook-receiver.js';

const ADMIN = 'ls_admin_webhook-crash-admin-key-0123456789';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const LEADS = Array.from({ length: 8 }, (_, i) => `lead-${i}`);
const ENV = {
  LEADSCORE_ADMIN_KEY: ADMIN,
  LEADSCORE_WRITE_KEY: 'ls_write_webhook-crash-write-key-0123456789',
  ...ALLOW_PRIVATE_ENV,
  LEADSCORE_WEBHOOK_POLL_MS: '25',
  LEADSCORE_WEBHOOK_TIMEOUT_MS: '300',
  LEADSCORE_WEBHOOK_LEASE_MS: '1000',
  LEADSCORE_WEBHOOK_BACKOFF_BASE_MS: '20',
  LEADSCORE_WEBHOOK_BACKOFF_MAX_MS: '150',
  LEADSCORE_WEBHOOK_DISABLE_AFTER: '100000',
};

const targets = crashTargets('whcrash');

describe.each(targets)('webhook outbox across a crash on $name', ({ make }) => {
  it('delivers every notification written before, during and after a SIGKILL', async () => {
    const target = await make();
    const env = { ...target.env, ...ENV };
    const receiver = await Receiver.reserve();
    const first = await startServe(target.db, env);
    const store = target.open();
    try {
      const created = await fetch(`${first.url}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          url: receiver.url('/hooks', SECRET),
          eventTypes: ['lead.stage_changed', 'lead.qualified'],
          secret: SECRET,
        }),
      });
      expect(created.status).toBe(201);
      const webhookId = ((await created.json()) as { id: string }).id;
      const [workspace] = await store.listWorkspaces();
      if (!workspace) throw new Error('the server made no workspace');
      const ws = workspace.id;

      let seq = 0;
      const produce = async (rounds: number) => {
        for (let r = 0; r < rounds; r++) {
          const notes: NewNotification[] = LEADS.map((leadId, i) => ({
            type: (seq + i) % 3 === 0 ? 'lead.qualified' : 'lead.stage_changed',
            leadId,
            data: { seq: seq++ },
            at: Date.now(),
          }));
          await store.transaction((tx) => tx.enqueueNotifications(ws, notes));
        }
      };
      const refused = async () => {
        const page = await store.listWebhookDeliveries(ws, webhookId, { limit: 100 });
        return page.items.filter((d) => d.lastError?.includes('ECONNREFUSED')).length;
      };

      await produce(3);
      await until('the server has tried the receiver', async () => (await refused()) >= 5);
      await produce(2);
      expect(await first.stop('SIGKILL')).toBeNull();
      // Written while no server runs: the outbox keeps them.
      await produce(2);
      const pending = await store.listWebhookDeliveries(ws, webhookId, {
        status: ['pending'],
        limit: 1000,
      });
      expect(pending.items).toHaveLength(seq);

      await receiver.up('ok');
      const second = await startServe(target.db, env);
      try {
        await until('every notification arrived', () => receiver.distinct('/hooks').length === seq);
        await produce(1);
        await until('the last ones arrived', () => receiver.distinct('/hooks').length === seq);
      } finally {
        expect(await second.stop('SIGTERM')).toBe(0);
      }

      expect(receiver.rejected).toEqual([]);
      const arrived = receiver.distinct('/hooks').map((r) => Number(r.data.seq));
      expect([...arrived].sort((a, b) => a - b)).toEqual(Array.from({ length: seq }, (_, i) => i));
      for (const lead of LEADS) {
        const order = receiver.received
          .filter((r) => r.data.leadId === lead)
          .map((r) => Number(r.data.seq));
        expect(order, lead).toEqual([...order].sort((a, b) => a - b));
      }
      const left = await store.listWebhookDeliveries(ws, webhookId, {
        status: ['pending', 'failed'],
        limit: 10,
      });
      expect(left.items).toEqual([]);
    } finally {
      await store.close();
      await receiver.down();
    }
  });
});
