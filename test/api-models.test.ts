// Models over the API: upload as YAML or JSON with errors that name the path, versions,
// activation as a background job that rescores every lead, and rollback to an older version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const seedYaml = readFileSync(join(ROOT, 'examples/models/seed.yaml'), 'utf8');

describe.each(freshStores())('models API on $name', ({ open }) => {
  it('uploads, validates, activates in the background, rescoring every lead, and rolls back', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    const keys = await createWorkspaceWithKeys(store, 'w', NOW);
    const admin = { authorization: `Bearer ${keys.admin.secret}` };
    const write = {
      authorization: `Basic ${Buffer.from(`${keys.write.secret}:`).toString('base64')}`,
    };

    // Calls stored before any model is active are scored on activation.
    for (const [i, event] of ['Email Opened', 'Asset Downloaded', 'Webinar Registered'].entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: write,
        payload: { userId: 'u1', messageId: `m${i}`, event, timestamp: '2026-05-30T10:00:00Z' },
      });
      expect(res.statusCode).toBe(200);
    }

    const bad = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...admin, 'content-type': 'application/yaml' },
      payload: seedYaml.replace('points: 2', 'points: two'),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: {
        code: 'invalid_model',
        details: [{ path: 'engagement.rules[0].points', message: 'expected a number, got "two"' }],
      },
    });

    const v1 = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { ...admin, 'content-type': 'application/yaml' },
      payload: seedYaml,
    });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toEqual({ version: 1, name: 'seed' });
    const doubled = JSON.parse(
      JSON.stringify(
        (await app.inject({ method: 'GET', url: '/v1/models/1', headers: admin })).json<{
          spec: { engagement: { rules: { points: number }[] } };
        }>().spec,
      ),
    ) as { name: string; engagement: { rules: { points: number }[] } };
    for (const rule of doubled.engagement.rules) rule.points *= 2;
    doubled.name = 'seed-doubled';
    const v2 = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: admin,
      payload: doubled,
    });
    expect(v2.json()).toEqual({ version: 2, name: 'seed-doubled' });

    const activate = async (version: number) => {
      const res = await app.inject({
        method: 'POST',
        url: `/v1/models/${version}/activate`,
        headers: admin,
      });
      expect(res.statusCode).toBe(202);
      const { jobId } = res.json<{ jobId: string }>();
      for (let i = 0; i < 2000; i++) {
        const job = (
          await app.inject({ method: 'GET', url: `/v1/jobs/${jobId}`, headers: admin })
        ).json<{ status: string; progress: number }>();
        if (job.status === 'succeeded' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the activation job did not end');
    };
    const lead = async () =>
      (await app.inject({ method: 'GET', url: '/v1/leads/u1', headers: admin })).json<{
        score: number;
        segment: string;
        modelVersion: number;
      }>();

    expect(await activate(1)).toMatchObject({ status: 'succeeded', progress: 1 });
    expect(await lead()).toMatchObject({ score: 15, segment: 'nurture', modelVersion: 1 });
    expect(
      (await store.getScore((await store.listWorkspaces())[0]?.id ?? '', 'u1'))?.modelVersion,
    ).toBe(1);

    expect(await activate(2)).toMatchObject({ status: 'succeeded' });
    expect(await lead()).toMatchObject({ score: 30, segment: 'sales', modelVersion: 2 });
    const list = (await app.inject({ method: 'GET', url: '/v1/models', headers: admin })).json<{
      active: number;
      items: { version: number; active: boolean }[];
    }>();
    expect(list.active).toBe(2);
    expect(list.items.map((m) => [m.version, m.active])).toEqual([
      [1, false],
      [2, true],
    ]);

    // Rollback: the older version again; a new event is then scored with it.
    await activate(1);
    await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: write,
      payload: {
        userId: 'u1',
        messageId: 'm9',
        event: 'Online Event Attended',
        timestamp: '2026-05-31T10:00:00Z',
      },
    });
    expect(await lead()).toMatchObject({ score: 25, segment: 'sales', modelVersion: 1 });

    expect(
      (await app.inject({ method: 'POST', url: '/v1/models/9/activate', headers: admin }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/jobs/nope', headers: admin })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/models', headers: write, payload: doubled }))
        .statusCode,
    ).toBe(401);
  });
});
