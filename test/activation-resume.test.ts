// Activation jobs survive the process: a job left queued or running by a process that died is
// run again when the next one starts (in the order the jobs were started), or failed with the
// reason when it cannot be; and `leadscore serve` killed with SIGKILL mid-job finishes it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { seedDemo } from '../src/service/demo/seed-demo.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { LEASE_OWNER } from '../src/service/jobs/job-lease.js';
import { resumeActivations } from '../src/service/models/activation.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { JsonObject, NewEvent, Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';
import { startServe } from './serve-process.js';
import { onTestStores } from './test-stores.js';
import { PG_SERVER, pgAdmin } from './pg-admin.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const b2b = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const v1Spec = b2b as unknown as JsonObject;
const v2Spec: JsonObject = {
  ...v1Spec,
  name: 'b2b-doubled',
  engagement: {
    ...b2b.engagement,
    rules: b2b.engagement.rules.map((r) => ({ ...r, points: r.points * 2 })),
  },
};

function events(leads: number): NewEvent[] {
  return Array.from({ length: leads * 3 }, (_, n) => ({
    messageId: `m${n}`,
    leadId: `u${n % leads}`,
    anonymousId: null,
    type: 'track',
    name: n % 2 ? 'Webinar Registered' : 'Email Opened',
    time: T0 - n * 60_000,
    receivedAt: T0,
    payload: {},
  }));
}

describe.each(freshStores())('resuming activation jobs on $name', ({ open }) => {
  it('runs again those a dead process left unfinished, in order, and fails those it cannot', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('w', T0)).id;
    const other = (await store.createWorkspace('o', T0)).id;
    for (const w of [ws, other]) {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 30; i++) await tx.upsertLead(w, `u${i}`, { title: 'VP Sales' }, T0);
      });
      await store.insertEvents(w, events(30));
    }
    expect(await store.addModel(ws, v1Spec, T0)).toBe(1);
    expect(await store.addModel(ws, v2Spec, T0)).toBe(2);
    expect(await store.addModel(other, v2Spec, T0)).toBe(1);

    // What a process killed in the middle leaves behind.
    const job = async (
      w: string,
      kind: string,
      at: number,
      status: 'running' | 'succeeded' | 'queued',
    ) => {
      const made = await store.createJob(w, { kind, total: 0 }, at);
      if (status === 'queued') return made;
      return store.updateJob(w, made.id, { status, startedAt: at, progress: 20, total: 30 });
    };
    const first = await job(ws, 'activate-model:1', T0, 'running');
    const second = await job(ws, 'activate-model:2', T0 + 1, 'queued');
    const gone = await job(ws, 'activate-model:9', T0 + 2, 'running');
    const legacy = await job(ws, 'activate-model', T0 + 3, 'queued');
    const foreign = await job(ws, 'backtest', T0 + 4, 'running');
    const finished = await job(ws, 'activate-model:1', T0 - 1, 'succeeded');
    // Running in another server that shares the database: its lease is live.
    const elsewhere = await job(ws, 'activate-model:2', T0 + 5, 'running');
    expect(
      await store.leaseJob(ws, elsewhere.id, 'other-server', Date.now() + 60_000, Date.now()),
    ).toBe(true);
    const theirs = await job(other, 'activate-model:1', T0, 'queued');

    const now = T0 + 86_400_000;
    const models = new ActiveModels();
    const { resumed, failed, skipped, running } = await resumeActivations(store, models, () => now);
    expect(skipped.map((j) => j.id)).toEqual([elsewhere.id]);
    expect(resumed.map((j) => j.id).sort()).toEqual([first.id, second.id, theirs.id].sort());
    expect(failed.map((j) => [j.id, j.status, j.error, j.finishedAt])).toEqual([
      [
        gone.id,
        'failed',
        'interrupted by a restart and not run again: model version 9 no longer exists',
        now,
      ],
      [
        legacy.id,
        'failed',
        'interrupted by a restart and not run again: the job does not record which model version it activates',
        now,
      ],
      // A read-only job (a backtest, a report) is not run again: its caller starts it anew.
      [foreign.id, 'failed', 'interrupted by a restart: start it again', now],
    ]);
    await running;

    for (const [w, id] of [
      [ws, first.id],
      [ws, second.id],
      [other, theirs.id],
    ] as const)
      expect(await store.getJob(w, id)).toMatchObject({
        status: 'succeeded',
        progress: 30,
        total: 30,
        startedAt: now,
        finishedAt: now,
        error: null,
      });
    // Run in the order they were started: the later version is the active one.
    expect(await store.activeModel(ws)).toMatchObject({ version: 2 });
    expect(await store.activeModel(other)).toMatchObject({ version: 1 });
    expect((await store.getScore(ws, 'u7'))?.modelVersion).toBe(2);
    const history = await store.listHistory(ws, 'u7', { limit: 5 });
    expect(history.map((h) => [h.cause, h.causeRef])).toEqual([
      ['model', '2'],
      ['model', '1'],
    ]);
    expect(await store.getJob(ws, finished.id)).toEqual(finished);

    // Left to the server that holds it, untouched.
    expect(await store.getJob(ws, elsewhere.id)).toEqual(elsewhere);
    const again = await resumeActivations(store, models, () => now);
    expect([again.resumed, again.failed, again.skipped.map((j) => j.id)]).toEqual([
      [],
      [],
      [elsewhere.id],
    ]);
  });
});

describe.each(freshStores())('taking over abandoned jobs on $name', ({ open }) => {
  it('takes only jobs whose server stopped renewing their lease, not ones just being started', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('w', T0)).id;
    await store.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await tx.upsertLead(ws, `u${i}`, {}, T0);
    });
    expect(await store.addModel(ws, v1Spec, T0)).toBe(1);
    const wall = Date.now();
    const running = async (kind: string, owner: string, until: number) => {
      const made = await store.createJob(ws, { kind, total: 0 }, T0);
      await store.updateJob(ws, made.id, { status: 'running', startedAt: T0 });
      expect(await store.leaseJob(ws, made.id, owner, until, wall - 120_000)).toBe(true);
      return made;
    };
    // A remote server died: its lease ran out a minute ago.
    const abandoned = await running('activate-model:1', 'remote:1:deadbeef', wall - 60_000);
    const abandonedReport = await running('backtest', 'remote:1:deadbeef', wall - 60_000);
    // A remote server alive and renewing.
    const alive = await running('activate-model:1', 'remote:2:0badcafe', wall + 60_000);
    // Just created by a server that is about to lease it.
    const fresh = await store.createJob(ws, { kind: 'activate-model:1', total: 0 }, T0);
    // Run by this very process: its lease live, and one whose renewal is late.
    const ours = await running('import', LEASE_OWNER, wall + 60_000);
    const oursLate = await running('activate-model:1', LEASE_OWNER, wall - 60_000);

    const now = T0 + 86_400_000;
    const taken = await resumeActivations(store, new ActiveModels(), () => now, {
      orphansOnly: true,
    });
    expect(taken.resumed.map((j) => j.id)).toEqual([abandoned.id]);
    expect(taken.failed.map((j) => j.id)).toEqual([abandonedReport.id]);
    expect(taken.skipped.map((j) => j.id)).toEqual([alive.id]);
    await taken.running;
    expect(await store.getJob(ws, abandoned.id)).toMatchObject({ status: 'succeeded', total: 5 });
    expect(await store.getJob(ws, alive.id)).toMatchObject({ status: 'running' });
    expect(await store.getJob(ws, fresh.id)).toEqual(fresh);
    expect(await store.getJob(ws, ours.id)).toMatchObject({ status: 'running' });
    expect(await store.getJob(ws, oursLate.id)).toMatchObject({ status: 'running' });
    expect(await store.jobLeaseOwner(ws, ours.id)).toBe(LEASE_OWNER);
    expect(await store.jobLeaseOwner(ws, abandoned.id)).toBeNull();
  });
});

// `leadscore serve` itself, killed with SIGKILL right after it accepted an activation.
const ADMIN = 'ls_admin_resume-test-admin-key-0123456789';
const WRITE = 'ls_write_resume-test-write-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'leadscore-resume-'));
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
      const name = `leadscore_resume_${randomBytes(6).toString('hex')}`;
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

async function api(url: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe.each(targets)('serve on $name', ({ make }) => {
  it('finishes after a restart the activation it was killed in the middle of', async () => {
    const target = await make();
    const env = { ...target.env, LEADSCORE_ADMIN_KEY: ADMIN, LEADSCORE_WRITE_KEY: WRITE };
    // Enough leads that the job is still running when the kill lands.
    const seeded = target.open();
    await seeded.migrate();
    const made = await createWorkspaceWithKeys(seeded, 'w', Date.now(), {
      admin: ADMIN,
      write: WRITE,
    });
    const ws = made.workspace.id;
    await seedDemo(seeded, new ActiveModels(), ws, Date.now(), { leads: 3000, events: 45_000 });
    await seeded.close();

    const first = await startServe(target.db, env);
    const added = await api(first.url, '/v1/models', v2Spec);
    expect(added.status).toBe(201);
    const { version } = (await added.json()) as { version: number };
    const started = await api(first.url, `/v1/models/${version}/activate`, {});
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    expect(await first.stop('SIGKILL')).toBeNull();

    const left = target.open();
    const cut = await left.getJob(ws, jobId);
    await left.close();
    expect(['queued', 'running'], 'the job ended before the kill').toContain(cut?.status);

    const second = await startServe(target.db, env);
    expect(second.log()).toContain(`resuming job ${jobId} (activate-model:${version})`);
    let job: { status: string; progress: number } | undefined;
    for (let i = 0; i < 600 && !['succeeded', 'failed'].includes(job?.status ?? ''); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (await api(second.url, `/v1/jobs/${jobId}`)).json()) as typeof job;
    }
    expect(job).toMatchObject({ status: 'succeeded', progress: 3000 });
    const listed = (await (await api(second.url, '/v1/models')).json()) as { active: number };
    expect(listed.active).toBe(version);
    expect(await second.stop('SIGTERM')).toBe(0);

    const after = target.open();
    try {
      const row = await after.getScore(ws, 'L0000001');
      expect(row?.modelVersion).toBe(version);
      expect(await after.activeModel(ws)).toMatchObject({ version });
    } finally {
      await after.close();
    }
  }, 120_000);
});
