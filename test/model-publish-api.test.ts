// Publishing models over the API on both stores: each version's note and author (a key, a
// signed-in user), the periods it was active, the diff of two versions, the last what-if kept
// with its version, and activation and rollback still one call each.
import { describe, expect, it } from 'vitest';
import { startSession } from '../src/service/auth/sessions.js';
import { mail, setup, T0, type Setup } from './audit-context.js';
import { freshStores } from './fresh-stores.js';

const V2_YAML = `
name: audited
description: demos count
engagement:
  rules:
    - { id: order, event: Order Completed, points: 60 }
    - { id: demo, event: Demo Requested, points: 20 }
segments:
  - { id: hot, min: 50, stage: bofu, qualified: true }
  - { id: cold, stage: tofu }
`;

const iso = (ms: number) => new Date(ms).toISOString();

interface Version {
  version: number;
  name: string;
  note: string | null;
  author: string | null;
  createdAt: string;
  active: boolean;
  activePeriods: { from: string; to: string | null }[];
  wasActive: boolean;
  lastActiveAt: string | null;
}

async function versions(s: Setup): Promise<Version[]> {
  const res = await s.call('GET', '/v1/models');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Version[] }>().items;
}

async function jobDone(s: Setup, jobId: string): Promise<{ status: string; result: unknown }> {
  for (let i = 0; i < 800; i++) {
    const job = (await s.call('GET', `/v1/jobs/${jobId}`)).json<{
      status: string;
      error: string | null;
      result: unknown;
    }>();
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed') throw new Error(job.error ?? 'failed');
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function activate(s: Setup, version: number): Promise<void> {
  const res = await s.call('POST', `/v1/models/${version}/activate`);
  expect(res.statusCode, res.body).toBe(202);
  await jobDone(s, res.json<{ jobId: string }>().jobId);
}

describe.each(freshStores())('publishing models on $name', ({ open }) => {
  it('keeps the note and the author (key or user) of each version, and when it was active', async () => {
    const s = await setup(await open());
    // v1 was saved and activated at T0 through the store: no note, no author.
    s.clock.now = T0 + 1000;
    const byKey = await s.app.inject({
      method: 'POST',
      url: `/v1/models?note=${encodeURIComponent('Demos count; orders worth more')}`,
      headers: { ...s.a.admin, 'content-type': 'application/yaml' },
      payload: V2_YAML,
    });
    expect(byKey.statusCode, byKey.body).toBe(201);
    expect(byKey.json()).toEqual({ version: 2, name: 'audited' });
    const keyName = (await s.entries())[0]!.actorName;
    expect(keyName).toEqual(expect.any(String));

    const user = await s.store.createUser({ email: mail(s, 'ann'), passwordHash: null, now: T0 });
    await s.store.setMembership(s.a.ws, user.id, 'owner', T0);
    const session = await startSession(s.store, {
      userId: user.id,
      now: T0,
      ip: null,
      userAgent: null,
    });
    s.clock.now = T0 + 2000;
    const spec = (await s.call('GET', '/v1/models/1')).json<{ spec: object }>().spec;
    const byUser = await s.call(
      'POST',
      '/v1/models?note=same+as+v1',
      { ...spec, name: 'copy' },
      { cookie: `leadscore_session=${session.token}`, 'x-csrf-token': session.csrfToken },
    );
    expect(byUser.statusCode, byUser.body).toBe(201);
    // The JSON body is the model alone: a `note` field in it is refused as an unknown key.
    const noteInBody = await s.call('POST', '/v1/models', { ...spec, note: 'x' });
    expect(noteInBody.statusCode).toBe(422);
    const tooLong = await s.call('POST', `/v1/models?note=${'x'.repeat(2001)}`, spec);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('note');

    expect(await versions(s)).toEqual([
      {
        version: 1,
        name: 'audited',
        note: null,
        author: null,
        createdAt: iso(T0),
        active: true,
        activePeriods: [{ from: iso(T0), to: null }],
        wasActive: true,
        lastActiveAt: null,
      },
      {
        version: 2,
        name: 'audited',
        note: 'Demos count; orders worth more',
        author: keyName,
        createdAt: iso(T0 + 1000),
        active: false,
        activePeriods: [],
        wasActive: false,
        lastActiveAt: null,
      },
      expect.objectContaining({
        version: 3,
        name: 'copy',
        note: 'same as v1',
        author: mail(s, 'ann'),
      }),
    ]);

    // Activation and rollback stay one call each; the periods follow them.
    s.clock.now = T0 + 5000;
    await activate(s, 2);
    s.clock.now = T0 + 9000;
    await activate(s, 1);
    const [v1, v2, v3] = await versions(s);
    expect(v1).toMatchObject({
      active: true,
      activePeriods: [
        { from: iso(T0), to: iso(T0 + 5000) },
        { from: iso(T0 + 9000), to: null },
      ],
      lastActiveAt: null,
    });
    expect(v2).toMatchObject({
      active: false,
      wasActive: true,
      activePeriods: [{ from: iso(T0 + 5000), to: iso(T0 + 9000) }],
      lastActiveAt: iso(T0 + 9000),
    });
    expect(v3).toMatchObject({ wasActive: false, activePeriods: [] });
  });

  it('answers the diff of two versions by id, 404 for an unknown one, 400 for a bad one', async () => {
    const s = await setup(await open());
    const saved = await s.app.inject({
      method: 'POST',
      url: '/v1/models?note=v2',
      headers: { ...s.a.admin, 'content-type': 'application/yaml' },
      payload: V2_YAML,
    });
    expect(saved.statusCode).toBe(201);
    const diff = await s.call('GET', '/v1/models/2/diff?against=1');
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toEqual({
      version: 2,
      against: 1,
      changes: [
        {
          kind: 'rule',
          id: 'demo',
          change: 'added',
          fields: ['id', 'event', 'points'],
          after: { id: 'demo', event: 'Demo Requested', points: 20 },
        },
        {
          kind: 'rule',
          id: 'order',
          change: 'changed',
          fields: ['points'],
          before: { id: 'order', event: 'Order Completed', points: 50 },
          after: { id: 'order', event: 'Order Completed', points: 60 },
        },
        {
          kind: 'setting',
          id: 'description',
          change: 'added',
          fields: ['description'],
          after: 'demos count',
        },
      ],
    });
    expect((await s.call('GET', '/v1/models/1/diff?against=1')).json()).toMatchObject({
      changes: [],
    });
    expect((await s.call('GET', '/v1/models/2/diff?against=9')).statusCode).toBe(404);
    expect((await s.call('GET', '/v1/models/9/diff?against=1')).statusCode).toBe(404);
    const bad = await s.call('GET', '/v1/models/2/diff?against=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('against');
    expect((await s.call('GET', '/v1/models/2/diff')).statusCode).toBe(400);
    // Another workspace's key does not read this one's versions.
    expect(
      (await s.call('GET', '/v1/models/2/diff?against=1', undefined, s.b.admin)).statusCode,
    ).toBe(404);
  });

  it("keeps a saved version's last what-if with the version, whenever it is run", async () => {
    const s = await setup(await open());
    for (const [i, event] of ['Order Completed', 'Demo Requested'].entries()) {
      const res = await s.call(
        'POST',
        '/v1/track',
        { userId: `u${i}`, messageId: `m${i}`, event, timestamp: '2026-05-30T10:00:00Z' },
        s.a.write,
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    await s.app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...s.a.admin, 'content-type': 'application/yaml' },
      payload: V2_YAML,
    });
    expect((await s.call('GET', '/v1/models/2')).json()).toMatchObject({ lastWhatIf: null });

    s.clock.now = T0 + 60_000;
    const started = await s.call('POST', '/v1/models/backtest', { version: 2 });
    expect(started.statusCode, started.body).toBe(202);
    const job = await jobDone(s, started.json<{ jobId: string }>().jobId);
    const v2 = (await s.call('GET', '/v1/models/2')).json<{
      lastWhatIf: { at: string; result: unknown };
    }>();
    expect(v2.lastWhatIf).toEqual({ at: iso(T0 + 60_000), result: job.result });
    // A draft's what-if is not kept with any version; v1's stays unrun.
    const draft = await s.call('POST', '/v1/models/backtest', { yaml: V2_YAML });
    await jobDone(s, draft.json<{ jobId: string }>().jobId);
    expect((await s.call('GET', '/v1/models/1')).json()).toMatchObject({ lastWhatIf: null });
    expect((await s.call('GET', '/v1/models/2')).json()).toMatchObject({
      lastWhatIf: v2.lastWhatIf,
    });
  });
});
