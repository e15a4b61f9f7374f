// `leadscore serve` as a user runs it: keys printed once on first start, Segment calls in,
// explained leads out, the same keys still valid after a restart, a clean exit on SIGTERM, safe
// defaults (the webhook guard on); and the demo seed scores every synthetic lead.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../src/service/demo/seed-demo.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

/** The admin key automation gives by the environment (a fresh database prints none). */
const ADMIN = 'ls_admin_serve-test-admin-key-0123456789';

function start(
  db: string,
  env: Record<string, string> = { LEADSCORE_ADMIN_KEY: ADMIN },
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/leadscore.js'), 'serve', '--db', db, '--port', '0', ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DATABASE_URL: '', LEADSCORE_OWNER_EMAIL: '', ...env },
    },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (url) resolve({ child, url, log: () => log });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('leadscore serve', () => {
  it('prints the write key once, ingests and explains, keeps the keys across a restart, exits cleanly on SIGTERM', async () => {
    const dir = await tempFiles({});
    const db = join(dir, 'leadscore.db');
    const first = await start(db);
    const admin = ADMIN;
    const write = /write key .*: (\S+)/.exec(first.log())?.[1];
    expect(first.log()).not.toContain('admin key');
    expect(write).toMatch(/^ls_write_/);
    const track = await fetch(`${first.url}/v1/track`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${write}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: 'u1', messageId: 'm1', event: 'Email Opened' }),
    });
    expect(track.status).toBe(200);
    // Safe by default: the SSRF guard is on, and the missing secret key is said.
    const loopback = await fetch(`${first.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', eventTypes: ['lead.qualified'] }),
    });
    expect(loopback.status).toBe(400);
    expect(first.log()).toContain('warning: LEADSCORE_SECRET_KEY is not set');
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);

    const second = await start(db);
    expect(second.log()).not.toContain('write key');
    expect(second.log()).not.toContain('sign-in link');
    const lead = await fetch(`${second.url}/v1/leads/u1`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(lead.status).toBe(200);
    expect(await lead.json()).toMatchObject({ id: 'u1', modelVersion: null });
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });
});

describe('leadscore workspaces create', () => {
  it('adds a workspace whose keys the server accepts, isolated from the first one', async () => {
    const dir = await tempFiles({});
    const db = join(dir, 'leadscore.db');
    const server = await start(db);
    const firstAdmin = ADMIN;
    const created = await runCli(['workspaces', 'create', 'Second team', '--db', db]);
    expect(created.code).toBe(0);
    const admin = /admin key: (\S+)/.exec(created.stdout)?.[1];
    const write = /write key: (\S+)/.exec(created.stdout)?.[1];
    expect(created.stdout).toContain('workspace "Second team"');
    const track = await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${write}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: 'second-lead', messageId: 's1', event: 'Email Opened' }),
    });
    expect(track.status).toBe(200);
    const own = await fetch(`${server.url}/v1/leads/second-lead`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(own.status).toBe(200);
    const other = await fetch(`${server.url}/v1/leads/second-lead`, {
      headers: { authorization: `Bearer ${firstAdmin}` },
    });
    expect(other.status).toBe(404);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  });
});

describe.each(freshStores())('demo seed on $name', ({ open }) => {
  it('stores synthetic leads and events and scores every lead with the example model', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('demo', Date.UTC(2026, 5, 1))).id;
    const seeded = await seedDemo(store, new ActiveModels(), ws, Date.UTC(2026, 5, 1), {
      leads: 150,
      events: 2000,
    });
    expect(seeded.leads).toBe(150);
    expect(seeded.events).toBeGreaterThan(1900);
    expect((await store.activeModel(ws))?.version).toBe(seeded.version);
    const page = await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 200 });
    expect(page.items).toHaveLength(150);
    expect(page.items.every((i) => i.score?.modelVersion === seeded.version)).toBe(true);
    expect(new Set(page.items.map((i) => i.score?.segment)).size).toBeGreaterThanOrEqual(3);
  });
});
