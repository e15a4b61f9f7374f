// The audit trail tests' shared setup: one app over a real store, two workspaces with their keys,
// and helpers that read the workspace's entries and make the records audited routes act on.
import type { FastifyInstance, LightMyRequestResponse as Response } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { AuditEntry, Store } from '../src/store/port.js';
import { workspaceWithModel, type TestWorkspace } from './test-workspace.js';

export const T0 = Date.parse('2026-06-01T12:00:00Z');

export const model = parseModel(`
name: audited
engagement:
  rules:
    - { id: order, event: Order Completed, points: 50 }
segments:
  - { id: hot, min: 50, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
`);

export interface Setup {
  store: Store;
  app: FastifyInstance;
  clock: { now: number };
  a: TestWorkspace;
  b: TestWorkspace;
  call(method: string, url: string, payload?: object, headers?: object): Promise<Response>;
  entries(ws?: string): Promise<AuditEntry[]>;
}

export async function setup(store: Store): Promise<Setup> {
  const clock = { now: T0 };
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => clock.now,
    // No DNS lookups of the test's webhook hosts.
    webhooks: { wake: () => undefined, options: { blockPrivateNetworks: false } },
  });
  const a = await workspaceWithModel(store, 'a', model, T0);
  const b = await workspaceWithModel(store, 'b', model, T0);
  const call: Setup['call'] = async (method, url, payload, headers = a.admin) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  const entries = (ws = a.ws) => store.listAudit(ws, { filter: {}, limit: 1000 });
  return { store, app, clock, a, b, call, entries };
}

/** The only entry written since `before` entries, checked against the admin key as actor. */
export async function onlyNew(s: Setup, before: number): Promise<AuditEntry> {
  const all = await s.entries();
  expect(all).toHaveLength(before + 1);
  const entry = all[0]!;
  expect(entry).toMatchObject({
    actorKind: 'key',
    actorId: s.a.adminKeyId,
    ip: '127.0.0.1',
    at: s.clock.now,
  });
  return entry;
}

export const lead = (s: Setup, id = 'u1') =>
  s.store.upsertLead(s.a.ws, id, { email: 'x@example.com' }, T0);

/** An e-mail of this test's own (users are global; the file's tests share one database). */
export const mail = (s: Setup, name: string) => `${name}.${s.a.ws.slice(0, 8)}@example.com`;

/** A viewer of workspace a; answers its id. */
export async function member(s: Setup): Promise<string> {
  const user = await s.store.createUser({ email: mail(s, 'bob'), passwordHash: null, now: T0 });
  await s.store.setMembership(s.a.ws, user.id, 'viewer', T0);
  return user.id;
}
