// The webhook outbox survives a crash of `leadscore serve` on both stores. The server runs as a
// child process; the test writes notifications into the same database itself (as another
// process would: SQLite in WAL mode takes two writers, each waiting for the other's lock), with
// enqueueNotifications in a transaction. The receiver is down, the server retries, is killed
// with SIGKILL while deliveries are pending, and more notifications are written while it is
// dead; restarted with the receiver up, it delivers every one, each lead in order.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { NewNotification, Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startServe } from './serve-process.js';
import { onTestStores } from './test-stores.js';
import { ALLOW_PRIVATE_ENV, Receiver } from './webhook-receiver.js';
import { PG_SERVER, pgAdmin } from './pg-admin.js';

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

const dir = mkdtempSync(join(tmpdir(), 'leadscore-webhook-crash-'));
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

const targets = onTestStores([
  {
    name: 'sqlite',
    make: async () => {
      const db = join(dir, `${randomBytes(4).toString('hex')}.db`);
      return { db, env: { DATABASE_URL: '' }, open: (): Store => openSqliteStore({ file: db }) };
    },
  },
  {
    name: 'postgres',
    make: async () => {
      const name = `leadscore_whcrash_${randomBytes(6).toString('hex')}`;
      await pgAdmin(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(PG_SERVER);
      url.pathname = `/${name}`;
      const connectionString = url.toString();
      return {
        db: join(dir, 'unused.db'),
        env: { DATABASE_URL: connectionString },
        open: (): Store => openPostgresStore({ connectionString }),
      };
    },
  },
]);

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

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
