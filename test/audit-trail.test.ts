// The audit trail over the HTTP API on real stores: each audited management route called once
// writes exactly one entry (action, actor, target, summary, never a secret) in the transaction of
// its change, and no audited route escapes the cases (see audit-cases.ts; audit-api.test.ts for
// the rest).
import { describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../src/api/access-table.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { auditedRoutes, CASES } from './audit-cases.js';
import { onlyNew, setup } from './audit-context.js';

describe.each(freshStores())('audit trail on $name', ({ open: openStore }) => {
  // One database for the file (each test works in workspaces of its own): fewer to drop.
  let shared: Promise<Store> | undefined;
  const open = () => (shared ??= openStore());

  it('has a case for every audited route the app serves', async () => {
    expect(Object.keys(CASES).sort()).toEqual((await auditedRoutes(await open())).sort());
  });

  it.each(Object.keys(CASES))("%s writes one entry in the change's transaction", async (route) => {
    const c = CASES[route]!;
    const s = await setup(await open());
    await c.prepare?.(s);
    const before = (await s.entries()).length;
    const res = await c.call(s);
    expect(res.statusCode, res.body).toBe(c.status);
    const entry = await onlyNew(s, before);
    expect(entry.action).toBe((ACCESS_TABLE[route] as { audit: string }).audit);
    const target = typeof c.target === 'function' ? await c.target(s, res) : c.target;
    if (route !== 'DELETE /v1/webhooks/:id') expect(entry.target).toBe(target);
    else expect(entry.target).toMatch(/^webhook:/);
    if (c.summary) expect(entry.summary).toMatchObject(c.summary);
    // Never a secret: no key's secret, no webhook signing secret, no URL token.
    const text = JSON.stringify(entry);
    const adminSecret = s.a.admin.authorization!.slice('Bearer '.length);
    for (const secret of [
      'whsec_',
      'tok3n',
      s.a.writeKey,
      adminSecret,
      ...(c.secrets?.(res) ?? []),
    ])
      expect(text).not.toContain(secret);
    expect(await s.entries(s.b.ws)).toEqual([]);
  });

  it('records a key issued with its id, kind and name, never its secret', async () => {
    const s = await setup(await open());
    const res = await s.call('POST', '/v1/keys', { kind: 'write', name: 'website' });
    expect(res.statusCode).toBe(201);
    const { id, key } = res.json<{ id: string; key: string }>();
    const entry = await onlyNew(s, 0);
    expect(entry).toMatchObject({
      action: 'key.create',
      target: `key:${id}`,
      summary: { kind: 'write', role: null, name: 'website' },
    });
    expect(JSON.stringify(entry)).not.toContain(key);
    expect(await s.entries(s.b.ws)).toEqual([]);
  });
});
