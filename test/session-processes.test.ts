// Two real server processes on one PostgreSQL database: a user disabled, a role changed or an api
// key revoked through one (here the test's own app) is refused by `leadscore serve` (a separate
// process with its own caches) within a second. Needs the build (dist/).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { createUserWithPassword } from '../src/service/users/index.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { ROOT } from './run-cli.js';
import { startServe } from './serve-process.js';
import { apiKeyCaller, PASSWORD } from './team-fixtures.js';
import { testStores } from './test-stores.js';
import { workspaceWithModel } from './test-workspace.js';
import { PG_SERVER, pgAdmin } from './pg-admin.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'leadscore-sessions-'));
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(testStores().includes('postgres'))('two server processes on PostgreSQL', () => {
  it('the serve process refuses a disabled user, a changed role and a revoked key within a second', async () => {
    const name = `leadscore_sessions_${randomBytes(6).toString('hex')}`;
    await pgAdmin(`CREATE DATABASE ${name}`);
    databases.push(name);
    const url = new URL(PG_SERVER);
    url.pathname = `/${name}`;
    const connectionString = url.toString();
    const store = openPostgresStore({ connectionString });
    await store.migrate();
    const clock = () => Date.now();
    const w = await workspaceWithModel(store, 'w', model, clock());
    for (const email of ['marketer@example.com', 'doomed@example.com'])
      await createUserWithPassword(store, {
        workspaceId: w.ws,
        email,
        role: 'marketer',
        password: PASSWORD,
        now: clock(),
      });
    const key = await apiKeyCaller(store, w.ws, 'marketer', clock());
    const a = await buildApp({ store, models: new ActiveModels(), clock });
    const serve = await startServe(join(dir, 'unused.db'), {
      DATABASE_URL: connectionString,
      LOG_LEVEL: 'silent',
    });
    try {
      const login = async (email: string) => {
        const res = await fetch(`${serve.url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD }),
        });
        expect(res.status).toBe(200);
        const cookie = /leadscore_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
        return { cookie: cookie ?? '' };
      };
      const marketer = await login('marketer@example.com');
      const doomed = await login('doomed@example.com');
      const models = async (headers: Record<string, string>) =>
        (await fetch(`${serve.url}/v1/models`, { headers })).status;
      const callers = [marketer, doomed, key.headers];
      // The serve process has just resolved each of them (and remembers them).
      expect(await Promise.all(callers.map(models))).toEqual([200, 200, 200]);

      const users = (await a.inject({ method: 'GET', url: '/v1/users', headers: w.admin })).json<{
        items: { id: string; email: string }[];
      }>().items;
      const idOf = (email: string) => users.find((u) => u.email === email)!.id;
      const change = (method: 'PATCH' | 'DELETE', path: string, payload?: object) =>
        a.inject({ method, url: path, headers: w.admin, ...(payload ? { payload } : {}) });
      const changed = await Promise.all([
        change('PATCH', `/v1/users/${idOf('marketer@example.com')}`, { role: 'viewer' }),
        change('PATCH', `/v1/users/${idOf('doomed@example.com')}`, { disabled: true }),
        change('DELETE', `/v1/keys/${key.keyId}`),
      ]);
      expect(changed.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      const deadline = performance.now() + 1000;
      let statuses = await Promise.all(callers.map(models));
      while (statuses.some((s) => s !== 401) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        statuses = await Promise.all(callers.map(models));
      }
      expect(statuses, 'the serve process still accepted one a second later').toEqual([
        401, 401, 401,
      ]);
    } finally {
      await serve.stop('SIGTERM');
      await a.close();
      await store.close();
    }
  });
});
