// Crash safety of `leadscore serve` on both stores: events streamed concurrently, the server
// killed with SIGKILL mid-stream and restarted; every acknowledged event is then stored exactly
// once, nothing is stored twice, every score equals a full replay, and retries change nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { scoreLead } from '../src/core/score-lead.js';
import { recordOf, scoringHistory } from '../src/service/scoring/lead-scoring.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ROOT } from './run-cli.js';
import { startServe, type ServeProcess } from './serve-process.js';
import { onTestStores } from './test-stores.js';
import { PG_SERVER, pgAdmin } from './pg-admin.js';

const ADMIN = 'ls_admin_crash-test-admin-key-0123456789';
const WRITE = 'ls_write_crash-test-write-key-0123456789';
const writeAuth = `Basic ${Buffer.from(`${WRITE}:`).toString('base64')}`;
const adminAuth = `Bearer ${ADMIN}`;
const MODEL_YAML = readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8');
const model = parseModel(MODEL_YAML);
const LEADS = 200;
const KILL_AFTER = 400;
const IN_FLIGHT = 4;

const dir = mkdtempSync(join(tmpdir(), 'leadscore-crash-'));
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

interface Target {
  name: string;
  /** A new empty database: the serve arguments and a way to open it directly. */
  make(): Promise<{ db: string; env: Record<string, string>; open(): Store }>;
}

const targets: Target[] = onTestStores([
  {
    name: 'sqlite',
    make: async () => {
      const db = join(dir, `${randomBytes(4).toString('hex')}.db`);
      return { db, env: { DATABASE_URL: '' }, open: () => openSqliteStore({ file: db }) };
    },
  },
  {
    name: 'postgres',
    make: async () => {
      const name = `leadscore_crash_${randomBytes(6).toString('hex')}`;
      await pgAdmin(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(PG_SERVER);
      url.pathname = `/${name}`;
      const connectionString = url.toString();
      return {
        db: join(dir, 'unused.db'),
        env: { DATABASE_URL: connectionString },
        open: () => openPostgresStore({ connectionString }),
      };
    },
  },
]);

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Message = Record<string, unknown> & { messageId: string; type: string; userId: string };
/** One HTTP call: a single Segment call, or a batch. */
interface Unit {
  path: string;
  body: unknown;
  messages: Message[];
}

const TITLES = ['VP Sales', 'Engineer', 'Student', 'Director of Marketing', 'CEO', 'Analyst'];
const EVENTS = [
  'Email Opened',
  'Email Link Clicked',
  'Asset Downloaded',
  'Webinar Registered',
  'Demo Requested',
  'Email Bounced',
  'Unsubscribed',
  'Survey Completed',
];
const PATHS = ['/pricing', '/blog/x', '/docs', '/'];

/** Events over LEADS leads in calls and batches, out of time order, with a few resends. */
function workload(now: number, seed: number): Unit[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const at = () => new Date(now - Math.floor(next() * 60 * 86_400_000)).toISOString();
  const messages: Message[] = [];
  let n = 0;
  for (let lead = 0; lead < LEADS; lead++) {
    const userId = `u${lead}`;
    messages.push({
      type: 'identify',
      userId,
      messageId: `m${n++}`,
      timestamp: at(),
      traits: {
        title: pick(TITLES),
        country: pick(['US', 'DE', 'BR']),
        company: { employees: Math.floor(next() * 2000), industry: pick(['software', 'retail']) },
      },
    });
    const events = 2 + Math.floor(next() * 6);
    for (let e = 0; e < events; e++) {
      if (next() < 0.25)
        messages.push({
          type: 'page',
          userId,
          messageId: `m${n++}`,
          timestamp: at(),
          properties: { path: pick(PATHS) },
        });
      else
        messages.push({
          type: 'track',
          userId,
          messageId: `m${n++}`,
          event: pick(EVENTS),
          timestamp: at(),
          properties: { n: e },
        });
    }
  }
  // Shuffle so that a lead's events arrive interleaved with others' and out of order.
  for (let i = messages.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [messages[i], messages[j]] = [messages[j] as Message, messages[i] as Message];
  }
  const units: Unit[] = [];
  for (let i = 0; i < messages.length;) {
    if (units.length > 10 && next() < 0.05) {
      // A client retrying an earlier call while others are in flight.
      units.push(pick(units));
      continue;
    }
    if (next() < 0.5) {
      const size = 2 + Math.floor(next() * 15);
      const batch = messages.slice(i, i + size);
      units.push({ path: '/v1/batch', body: { batch }, messages: batch });
      i += size;
    } else {
      const message = messages[i++] as Message;
      const { type, ...call } = message;
      units.push({ path: `/v1/${type}`, body: call, messages: [message] });
    }
  }
  return units;
}

async function call(
  url: string,
  path: string,
  init: { method?: string; auth: string; body?: string; type?: string },
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: init.auth,
      ...(init.type ? { 'content-type': init.type } : {}),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

async function activateModel(url: string): Promise<void> {
  const added = await call(url, '/v1/models', {
    auth: adminAuth,
    body: MODEL_YAML,
    type: 'application/yaml',
  });
  expect(added.status).toBe(201);
  const { version } = (await added.json()) as { version: number };
  const started = await call(url, `/v1/models/${version}/activate`, {
    auth: adminAuth,
    body: '{}',
    type: 'application/json',
  });
  expect(started.status).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  for (let i = 0; i < 800; i++) {
    const job = (await (await call(url, `/v1/jobs/${jobId}`, { auth: adminAuth })).json()) as {
      status: string;
    };
    if (job.status === 'succeeded') return;
    expect(job.status).not.toBe('failed');
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('activation did not finish');
}

/** Streams the units a few at a time and SIGKILLs the server after KILL_AFTER acknowledgements. */
async function streamUntilKilled(server: ServeProcess, units: Unit[]) {
  const acked = new Set<string>();
  let nextUnit = 0;
  let killed: Promise<number | null> | undefined;
  let failures = 0;
  const serverErrors: string[] = [];
  const worker = async () => {
    while (!killed && nextUnit < units.length) {
      const unit = units[nextUnit++] as Unit;
      try {
        const res = await call(server.url, unit.path, {
          auth: writeAuth,
          body: JSON.stringify(unit.body),
          type: 'application/json',
        });
        const body = (await res.json()) as { rejected?: unknown[] };
        // A 5xx is not an acknowledgement (clients retry it), but it is a bug of its own,
        // asserted after the store has been checked.
        if (res.status >= 500) serverErrors.push(`${unit.path}: ${JSON.stringify(body)}`);
        else {
          expect(res.status).toBe(200);
          expect(body.rejected ?? []).toEqual([]);
          for (const m of unit.messages) acked.add(m.messageId);
        }
      } catch (error) {
        // Only the kill may fail a call; anything before it is a bug.
        if (!killed) throw error;
        failures++;
      }
      if (!killed && acked.size >= KILL_AFTER) killed = server.stop('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  expect(
    killed,
    `the stream ended before the kill; 5xx: ${serverErrors.slice(0, 3).join(' | ')}`,
  ).toBeDefined();
  expect(await killed).toBeNull();
  return { acked, sentUnits: nextUnit, failures, serverErrors };
}

interface LeadRead {
  id: string;
  score: number;
  asOf: string;
  contributions: { id: string; messageId?: string }[];
}

async function readLead(url: string, id: string): Promise<{ lead: LeadRead; history: number }> {
  const lead = await call(url, `/v1/leads/${id}`, { auth: adminAuth });
  expect(lead.status).toBe(200);
  const history = await call(url, `/v1/leads/${id}/history?limit=1000`, { auth: adminAuth });
  expect(history.status).toBe(200);
  return {
    lead: (await lead.json()) as LeadRead,
    history: ((await history.json()) as { items: unknown[] }).items.length,
  };
}

describe.each(targets)('crash safety on $name', ({ make }) => {
  it('keeps every acknowledged event exactly once and every score equal to a replay after SIGKILL', async () => {
    const target = await make();
    const env = {
      ...target.env,
      LEADSCORE_ADMIN_KEY: ADMIN,
      LEADSCORE_WRITE_KEY: WRITE,
      // The stream is one client at full speed: no rate limit from the environment.
      LEADSCORE_WRITE_KEY_RATE_LIMIT: '',
    };
    const units = workload(Date.now(), 42);
    const byId = new Map(units.flatMap((u) => u.messages.map((m) => [m.messageId, m] as const)));

    const first = await startServe(target.db, env);
    await activateModel(first.url);
    const { acked, sentUnits, serverErrors } = await streamUntilKilled(first, units);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(sentUnits).toBeLessThan(units.length);

    // Restarted on the same database: retries of acknowledged calls are duplicates that change
    // nothing, and the API reads back what the store replays.
    const second = await startServe(target.db, env);
    expect(second.log()).not.toContain('created workspace');
    const retried = [...acked].filter((_, i) => i % 40 === 0).map((id) => byId.get(id) as Message);
    for (const message of retried) {
      const before = await readLead(second.url, message.userId);
      const { type, ...body } = message;
      const res = await call(second.url, `/v1/${type}`, {
        auth: writeAuth,
        body: JSON.stringify(body),
        type: 'application/json',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'duplicate', messageId: message.messageId });
      const after = await readLead(second.url, message.userId);
      expect(after.history).toBe(before.history);
      expect(after.lead.contributions.map((c) => [c.id, c.messageId])).toEqual(
        before.lead.contributions.map((c) => [c.id, c.messageId]),
      );
    }
    const ackedLeads = [...new Set([...acked].map((id) => (byId.get(id) as Message).userId))];
    const viaApi: LeadRead[] = [];
    for (const id of ackedLeads.slice(0, 25)) viaApi.push((await readLead(second.url, id)).lead);
    expect(await second.stop('SIGTERM')).toBe(0);

    const store = target.open();
    try {
      const [workspace] = await store.listWorkspaces();
      if (!workspace) throw new Error('no workspace');
      const ws = workspace.id;
      const stored = new Map<string, number>();
      const notReplayed: string[] = [];
      let leadsWithScores = 0;
      for (let i = 0; i < LEADS; i++) {
        const leadId = `u${i}`;
        const events = await store.eventsOfLead(ws, leadId);
        for (const e of events) stored.set(e.messageId, (stored.get(e.messageId) ?? 0) + 1);
        if (!(await store.getLead(ws, leadId))) {
          expect(events).toEqual([]);
          continue;
        }
        const row = await store.getScore(ws, leadId);
        if (!row) throw new Error(`lead ${leadId} is stored without a score`);
        expect(row.modelVersion).toBe(1);
        const replay = await store.transaction(async (tx) =>
          scoreLead(
            model,
            await recordOf(tx, ws, leadId),
            await scoringHistory(tx, ws, leadId),
            row.scoredAt,
          ),
        );
        const same =
          Math.abs(row.score - replay.score) < 1e-9 &&
          row.grade === replay.grade &&
          row.segment === replay.segment &&
          row.stage === replay.stage;
        if (!same) notReplayed.push(`${leadId}: stored ${row.score}, replay ${replay.score}`);
        leadsWithScores++;
      }
      const twice = [...stored].filter(([, count]) => count !== 1).map(([id]) => id);
      expect(twice, 'messageIds stored more than once').toEqual([]);
      const lost = [...acked].filter((id) => !stored.has(id));
      expect(lost, 'acknowledged but not stored').toEqual([]);
      expect([...stored.keys()].filter((id) => !byId.has(id))).toEqual([]);
      expect(await store.countEvents(ws)).toBe(stored.size);
      expect(leadsWithScores).toBeGreaterThan(0);
      expect(notReplayed, 'stored scores that differ from a replay').toEqual([]);

      for (const view of viaApi) {
        const replay = await store.transaction(async (tx) =>
          scoreLead(
            model,
            await recordOf(tx, ws, view.id),
            await scoringHistory(tx, ws, view.id),
            Date.parse(view.asOf),
          ),
        );
        expect(Math.abs(view.score - replay.score), `API score of ${view.id}`).toBeLessThan(1e-9);
      }
    } finally {
      await store.close();
    }
    expect(serverErrors, 'calls answered 5xx before the kill').toEqual([]);
  });
});
