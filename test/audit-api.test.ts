// GET /v1/audit and the trail's guarantees over the HTTP API on real stores: refused and failed
// changes record nothing, filters and paging, append-only, retention, the signed-in user as who
// acted, and a call that changed nothing recorded after it answered.
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../src/api/access-table.js';
import {
  auditRetention,
  DEFAULT_AUDIT_RETENTION_DAYS,
  pruneAudit,
} from '../src/service/audit/audit-retention.js';
import { startSession } from '../src/service/auth/sessions.js';
import type { Store } from '../src/store/port.js';
import { dropTable, freshStores } from './fresh-stores.js';
import { lead, mail, member, onlyNew, setup, T0 } from './audit-context.js';

describe.each(freshStores())('audit API on $name', ({ open: openStore }) => {
  // One database for the file (each test works in workspaces of its own): fewer to drop.
  let shared: Promise<Store> | undefined;
  const open = () => (shared ??= openStore());

  it('records nothing for a refused request, nor for a change whose transaction fails', async () => {
    const s = await setup(await open());
    expect((await s.call('PATCH', '/v1/leads/nobody', { traits: { a: 1 } })).statusCode).toBe(404);
    expect((await s.call('POST', '/v1/keys', { kind: 'nonsense' })).statusCode).toBe(400);
    expect((await s.call('POST', '/v1/keys', { kind: 'write' }, s.a.write)).statusCode).toBe(401);
    expect(await s.entries()).toEqual([]);

    // A real failure inside the erasure's transaction: its suppressions table is gone.
    const broken = await setup(await openStore());
    await lead(broken);
    await dropTable(broken.store, 'suppressions');
    expect((await broken.call('DELETE', '/v1/leads/u1')).statusCode).toBe(500);
    expect(await broken.store.getLead(broken.a.ws, 'u1')).toBeDefined();
    expect(await broken.entries()).toEqual([]);
  });

  it('answers GET /v1/audit newest first, filtered, a page at a time', async () => {
    const s = await setup(await open());
    await lead(s);
    const key = (await s.call('POST', '/v1/keys', { kind: 'write', name: 'site' })).json<{
      id: string;
    }>();
    s.clock.now = T0 + 1000;
    expect((await s.call('PATCH', '/v1/leads/u1', { traits: { t: 1 } })).statusCode).toBe(200);
    s.clock.now = T0 + 2000;
    expect((await s.call('DELETE', `/v1/keys/${key.id}`)).statusCode).toBe(200);

    type Page = {
      items: { at: string; action: string; target: string; actorKind: string; actorId: string }[];
      next: string | null;
    };
    const get = async (query: string, headers: object = s.a.admin) => {
      const res = await s.call('GET', `/v1/audit${query}`, undefined, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Page>();
    };
    const all = await get('');
    expect(all.items.map((e) => [e.action, e.target])).toEqual([
      ['key.revoke', `key:${key.id}`],
      ['lead.update', 'lead:u1'],
      ['key.create', `key:${key.id}`],
    ]);
    expect(all.items[0]).toMatchObject({
      at: new Date(T0 + 2000).toISOString(),
      actorKind: 'key',
      actorId: s.a.adminKeyId,
      ip: '127.0.0.1',
    });
    expect(all.next).toBeNull();
    const actions = (page: Page) => page.items.map((e) => e.action);
    expect(actions(await get('?action=key.create'))).toEqual(['key.create']);
    expect(actions(await get(`?target=key:${key.id}`))).toEqual(['key.revoke', 'key.create']);
    expect(actions(await get(`?actor=${s.a.adminKeyId}`))).toHaveLength(3);
    expect(actions(await get('?actor=someone@example.com'))).toEqual([]);
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(actions(await get(`?from=${iso(T0 + 1000)}`))).toEqual(['key.revoke', 'lead.update']);
    expect(actions(await get(`?to=${iso(T0 + 1000)}`))).toEqual(['key.create']);

    const first = await get('?limit=2');
    expect(actions(first)).toEqual(['key.revoke', 'lead.update']);
    const second = await get(`?limit=2&after=${first.next}`);
    expect(actions(second)).toEqual(['key.create']);
    expect(second.next).toBeNull();

    for (const query of ['?after=nonsense', '?limit=0', '?from=yesterday']) {
      const bad = await s.call('GET', `/v1/audit${query}`);
      expect(bad.statusCode, query).toBe(400);
    }
    // Another workspace's key sees its own trail only; a write key none.
    expect((await get('', s.b.admin)).items).toEqual([]);
    expect((await s.call('GET', '/v1/audit', undefined, s.a.write)).statusCode).toBe(401);
  });

  it('is append-only through the API: no route changes or removes an entry', async () => {
    const s = await setup(await open());
    const routes = Object.keys(ACCESS_TABLE).filter((r) => r.includes('/audit'));
    expect(routes).toEqual(['GET /v1/audit']);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const)
      for (const url of ['/v1/audit', '/v1/audit/:id'])
        expect(s.app.hasRoute({ method, url }), `${method} ${url}`).toBe(false);
  });

  it('keeps entries for the retention period, in every workspace, and sweeps on start', async () => {
    const s = await setup(await openStore());
    const DAY = 86_400_000;
    const entry = (at: number) => ({
      at,
      actorKind: 'cli' as const,
      actorId: null,
      actorName: 'cli',
      ip: null,
      action: 'user.invite',
      target: 'user:ann@example.com',
      summary: { role: 'viewer' },
    });
    await s.store.appendAudit(s.a.ws, entry(T0 - 400 * DAY));
    await s.store.appendAudit(s.b.ws, entry(T0 - 366 * DAY));
    const kept = await s.store.appendAudit(s.a.ws, entry(T0 - 364 * DAY));
    const retention = auditRetention(s.store, { days: 365, clock: () => T0 });
    retention.start();
    await retention.stop();
    expect(await s.entries()).toEqual([kept]);
    expect(await s.entries(s.b.ws)).toEqual([]);
    expect(await pruneAudit(s.store, T0 + 2 * DAY, 365)).toBe(1);
    expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(365);
  });

  it('records a signed-in user as itself, whoever the body names as `by`', async () => {
    const s = await setup(await open());
    const user = await s.store.createUser({ email: mail(s, 'rep'), passwordHash: null, now: T0 });
    await s.store.setMembership(s.a.ws, user.id, 'owner', T0);
    const session = await startSession(s.store, {
      userId: user.id,
      now: T0,
      ip: null,
      userAgent: null,
    });
    const headers = {
      cookie: `leadscore_session=${session.token}`,
      'x-csrf-token': session.csrfToken,
    };
    await lead(s);
    const lost = await s.call(
      'POST',
      '/v1/leads/u1/outcome',
      { outcome: 'lost', reason: 'budget', by: 'someone@else.example' },
      headers,
    );
    expect(lost.statusCode, lost.body).toBe(200);
    expect(lost.json<{ moves: { by: string | null }[] }>().moves[0]?.by).toBe(mail(s, 'rep'));
    const [entry] = await s.entries();
    expect(entry).toMatchObject({
      actorKind: 'user',
      actorId: user.id,
      actorName: mail(s, 'rep'),
      action: 'lead.outcome',
      target: 'lead:u1',
      summary: { by: mail(s, 'rep') },
    });
    // A key names the person its automation acts for; without one, the key itself.
    await s.call('POST', '/v1/leads/u1/lifecycle/reset', { stage: 'sql', reason: 'r', by: 'ana' });
    const reset = await s.call('POST', '/v1/leads/u1/lifecycle/reset', {
      stage: 'lead',
      reason: 'r',
    });
    const moves = reset.json<{ moves: { by: string | null }[] }>().moves;
    expect(moves.slice(0, 2).map((m) => m.by)).toEqual([(await s.entries())[0]!.actorName, 'ana']);
  });

  it('records a call that changed nothing once it has answered 2xx (the attempt is on record)', async () => {
    const s = await setup(await open());
    const id = await member(s);
    const same = await s.call('PATCH', `/v1/users/${id}`, { role: 'viewer' });
    expect(same.statusCode).toBe(200);
    const entry = await onlyNew(s, 0);
    expect(entry).toMatchObject({
      action: 'user.update',
      target: `user:${mail(s, 'bob')}`,
      summary: { before: { role: 'viewer' }, after: { role: 'viewer' } },
    });
  });
});
