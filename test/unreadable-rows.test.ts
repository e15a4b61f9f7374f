// Rows an older release could store and the store cannot fully read (traits nested past SQLite's
// 1,000 JSON levels; on SQLite also malformed JSON text), planted past the store's own checks:
// a rescore, the lead list with search, filters and sorts, the lead page, the account list and
// the dashboard reports still answer, and a row that cannot be parsed reads as {} with a warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { UNREADABLE_JSON_WARNING } from '../src/store/stored-json.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));

/** `{"name":..., "nest":{"a":{"a":...}}}`: one level past SQLite's 1,000 with `nest`. */
const deepTraits = (name: string) =>
  `{"name":"${name}","nest":${'{"a":'.repeat(1000)}"x"${'}'.repeat(1000)}}`;

const warnings: string[] = [];
const onWarning = (warning: Error & { code?: string }) => {
  if (warning.code === UNREADABLE_JSON_WARNING) warnings.push(warning.message);
};
beforeAll(() => void process.on('warning', onWarning));
afterAll(() => void process.off('warning', onWarning));

describe.each(freshStores())('unreadable stored rows on $name', (kind) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  const get = (url: string) => app.inject({ url, headers: admin });

  beforeAll(async () => {
    store = await kind.open();
    const made = await createWorkspaceWithKeys(store, 'old rows', NOW);
    const ws = made.workspace.id;
    await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
    await store.upsertCompany(ws, 'acme', { name: 'Acme', employees: 500 }, NOW);
    await store.upsertLead(ws, 'good', { name: 'Xena', title: 'VP Sales' }, NOW);
    await store.setLeadCompany(ws, 'good', 'acme', NOW);
    const plant = (table: 'leads' | 'companies', id: string, traits: string, company?: string) =>
      kind.name === 'sqlite'
        ? kind.exec(
            `INSERT INTO ${table} (ws, id, traits, ${table === 'leads' ? 'company_id, ' : ''}created_at, updated_at)
             VALUES ((SELECT ws FROM workspaces WHERE id = ?), ?, ?, ${table === 'leads' ? '?, ' : ''}?, ?)`,
            table === 'leads'
              ? [ws, id, traits, company ?? null, NOW, NOW]
              : [ws, id, traits, NOW, NOW],
          )
        : kind.exec(
            `INSERT INTO ${table} (ws, id, traits, ${table === 'leads' ? 'company_id, ' : ''}created_at, updated_at)
             VALUES ((SELECT ws FROM workspaces WHERE id = $1), $2, $3::jsonb, ${table === 'leads' ? '$6, ' : ''}$4, $5)`,
            table === 'leads'
              ? [ws, id, traits, NOW, NOW, company ?? null]
              : [ws, id, traits, NOW, NOW],
          );
    await plant('leads', 'deep', deepTraits('Deep x'));
    await plant('companies', 'deepco', deepTraits('Deep Co'));
    await plant('leads', 'at-deepco', '{"name":"Yann x"}', 'deepco');
    if (kind.name === 'sqlite') {
      // PostgreSQL's jsonb refuses malformed text: only SQLite can hold such a row.
      await plant('leads', 'broken', '{"name": "Bro');
      await plant('companies', 'brokenco', '[1, 2');
      await plant('leads', 'at-brokenco', '{"name":"Zoe x"}', 'brokenco');
    }
    app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    admin = { authorization: `Bearer ${made.admin.secret}` };
    // Activating the model rescores every lead and account, the planted ones included.
    const started = await app.inject({
      method: 'POST',
      url: '/v1/models/1/activate',
      headers: admin,
    });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    for (let i = 0; i < 500; i++) {
      const job = (await get(`/v1/jobs/${jobId}`)).json<{ status: string; error?: unknown }>();
      if (job.status === 'failed') throw new Error(`rescore failed: ${JSON.stringify(job)}`);
      if (job.status === 'succeeded') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  const planted = () =>
    kind.name === 'sqlite'
      ? ['at-brokenco', 'at-deepco', 'broken', 'deep', 'good']
      : ['at-deepco', 'deep', 'good'];

  it('lists every lead, with search, filters and sorts', async () => {
    const all = await get('/v1/leads?sort=updatedAt&limit=500');
    expect(all.statusCode, all.body.slice(0, 300)).toBe(200);
    const ids = all.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(ids.sort()).toEqual(planted());
    for (const query of [
      'search=x',
      'search=deep',
      'search=acme',
      'search=x&sort=score',
      'search=x&sort=-updatedAt&limit=1',
      'search=x&minScore=0&maxScore=1000',
      'search=x&segment=no-interest',
      'search=x&stage=tofu',
      'search=x&grade=A',
      'search=x&owner=nobody',
    ]) {
      const res = await get(`/v1/leads?${query}`);
      expect(res.statusCode, `${query}: ${res.body.slice(0, 300)}`).toBe(200);
    }
    const found = await get('/v1/leads?search=x&limit=500');
    const foundIds = found.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    // Leads whose own traits can be read are found, whatever their company's traits hold.
    expect(foundIds).toEqual(expect.arrayContaining(['good', 'at-deepco']));
  });

  it('shows the lead page of each planted lead', async () => {
    for (const id of planted()) {
      for (const url of [`/v1/leads/${id}`, `/v1/leads/${id}/history`, `/v1/leads/${id}/events`]) {
        const res = await get(url);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      }
    }
    const deep = (await get('/v1/leads/deep')).json<{ traits: { name: string } }>();
    expect(deep.traits.name).toBe('Deep x');
  });

  it('lists accounts and answers the dashboard reports', async () => {
    for (const url of [
      '/v1/accounts',
      '/v1/accounts/deepco',
      '/v1/reports/distribution',
      '/v1/reports/funnel',
      '/v1/reports/handover',
      '/v1/transitions',
    ]) {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    }
    const accounts = (await get('/v1/accounts?limit=500')).json<{ items: { id: string }[] }>();
    expect(accounts.items.map((a) => a.id)).toEqual(expect.arrayContaining(['acme', 'deepco']));
  });

  it.runIf(kind.name === 'sqlite')(
    'reads a row it cannot parse as {} and warns, naming the row',
    async () => {
      const broken = await get('/v1/leads/broken');
      expect(broken.statusCode, broken.body).toBe(200);
      expect(broken.json<{ traits: unknown }>().traits).toEqual({});
      const company = await get('/v1/accounts/brokenco');
      expect(company.statusCode, company.body).toBe(200);
      expect(
        warnings.some((w) => w.startsWith('lead "broken" traits: stored JSON cannot be read')),
      ).toBe(true);
      expect(warnings.some((w) => w.startsWith('company "brokenco" traits'))).toBe(true);
    },
  );
});
