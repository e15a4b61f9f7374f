// Every management route of the access table, called by a signed-in user of each role and an api
// key of each role: refused 403 exactly when the role lacks the route's permission (and, for the
// routes of one lead, sales acting on a lead it does not own), never 401 otherwise. Generated from
// ACCESS_TABLE, so a new route cannot escape it; and the table and the registered routes agree.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registeredRoutes } from '../src/api/access.js';
import { ACCESS_TABLE, type ManagementAccess } from '../src/api/access-table.js';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { can } from '../src/service/auth/permissions.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { ROLES } from '../src/store/team-records.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';
import { apiKeyCaller, signedInUser, type Caller } from './team-fixtures.js';
import { workspaceWithModel } from './test-workspace.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const SALES_EMAIL = 'rep@example.com';

const MANAGEMENT = Object.entries(ACCESS_TABLE).flatMap(([key, access]) =>
  access.kind === 'management' ? [{ key, access }] : [],
);

/** A dashboard build to serve, so that its routes are registered too. */
function webRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>leadscore</title>');
  return dir;
}

describe('the access table', () => {
  it('has an entry for every registered route and a route for every entry', async () => {
    const sqlite = freshStores().find((kind) => kind.name === 'sqlite')!;
    const app = await buildApp({
      store: await sqlite.open(),
      models: new ActiveModels(),
      clock: () => NOW,
      webRoot: webRoot(),
    });
    await app.ready();
    expect([...registeredRoutes(app)].sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
    await app.close();
  });
});

function urlOf(key: string, leadId: string): { method: string; url: string } {
  const [method, path] = key.split(' ') as [string, string];
  const url = path
    .replace(':id', encodeURIComponent(leadId))
    .replace(':version', '999')
    .replace(':deliveryId', 'nope');
  return { method, url };
}

describe.each(freshStores())('the role matrix on $name', ({ open }) => {
  it('refuses exactly what each role may not do, for users and api keys', async () => {
    const store = await open();
    const app = await buildApp({
      store,
      models: new ActiveModels(),
      clock: () => NOW,
      webhooks: { wake: () => undefined, options: { blockPrivateNetworks: false } },
    });
    const w = await workspaceWithModel(store, 'matrix', model, NOW);
    for (const lead of ['own-lead', 'other-lead'])
      await app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: w.write,
        payload: { userId: lead, traits: { title: 'VP Sales' }, timestamp: '2026-05-30T00:00:00Z' },
      });
    await store.setLeadOwner(w.ws, 'own-lead', SALES_EMAIL.toUpperCase(), NOW);
    await store.setLeadOwner(w.ws, 'other-lead', 'someone@example.com', NOW);

    const callers: Caller[] = [];
    for (const role of ROLES) {
      const email = role === 'sales' ? SALES_EMAIL : `${role}@example.com`;
      callers.push(await signedInUser(store, w.ws, email, role, NOW));
      callers.push(await apiKeyCaller(store, w.ws, role, NOW));
    }

    const problems: string[] = [];
    for (const { key, access } of MANAGEMENT) {
      for (const caller of callers) {
        const leads = (access as ManagementAccess).leadParam
          ? ['own-lead', 'other-lead']
          : ['nope'];
        for (const leadId of leads) {
          const { method, url } = urlOf(key, leadId);
          const safe = method === 'GET';
          const res = await app.inject({
            method: method as 'GET',
            url,
            headers: safe ? caller.headers : caller.unsafeHeaders,
            ...(safe ? {} : { payload: {} }),
          });
          const ownOnly = can(caller.role, access.permission) && caller.role === 'sales';
          const allowed =
            can(caller.role, access.permission) &&
            !(
              ownOnly &&
              access.leadParam &&
              (caller.label.startsWith('key') || leadId !== 'own-lead')
            );
          const what = `${caller.label} ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (allowed && (res.statusCode === 403 || res.statusCode === 401))
            problems.push(`refused ${what}`);
          if (!allowed && res.statusCode !== 403) problems.push(`allowed ${what}`);
          if (!allowed && res.statusCode === 403) {
            const { error } = res.json<{ error: { message: string } }>();
            if (!error.message.includes(`(${caller.role})`)) problems.push(`no reason ${what}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    await app.close();
  });
});
