// The lead and account exports over HTTP on real stores: the file equals the list (every lead
// of every page, the same values) in CSV and NDJSON, with filters; trait columns; quoting and
// formula protection; accounts; refusals.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { exportAccounts } from '../src/service/export/account-export.js';
import { exportLeads } from '../src/service/export/lead-export.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { exportWorkspace, LEADS, NOTES, TITLES, type ExportWorkspace } from './export-fixture.js';
import { dropTable, freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
/** Two days after the ingestion: the scores have decayed since they were stored. */
const LATER = NOW + 2 * 86_400_000;

type Row = Record<string, unknown>;

/** What a CSV cell holds for a value, as the README promises it. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const ndjson = (body: string): Row[] =>
  body === ''
    ? []
    : body
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Row);
const csv = (body: string): string[][] => parse(body, { relax_column_count: false }) as string[][];

const STORES = freshStores();

describe.each(STORES)('exports on $name', ({ open }) => {
  let app: FastifyInstance;
  let w: ExportWorkspace;
  beforeAll(async () => {
    const store = await open();
    const models = new ActiveModels();
    let now = NOW;
    app = await buildApp({ store, models, clock: () => now });
    w = await exportWorkspace(store, app, NOW, 10);
    now = LATER;
  });

  const get = (url: string, headers = w.admin) => app.inject({ method: 'GET', url, headers });

  /** Every item of every page of the list, 7 at a time. */
  async function wholeList(path: string, query: string): Promise<Row[]> {
    const items: Row[] = [];
    let cursor: string | null = null;
    do {
      const sep = query === '' ? '' : '&';
      const url = `${path}?limit=7${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: Row[]; next: string | null }>();
      items.push(...page.items);
      cursor = page.next;
    } while (cursor !== null);
    return items;
  }

  const FILTERS = [
    '',
    'segment=hot',
    'grade=A',
    'stage=mofu',
    'minScore=10&maxScore=45&sort=score',
    'search=acme',
    'owner=ann%40acme.io',
    'sort=-updatedAt',
    'sort=updatedAt&minScore=3',
  ];

  it.each(FILTERS)('the NDJSON and CSV of the leads equal the list (filters: %s)', async (q) => {
    const list = await wholeList('/v1/leads', q);
    expect(list.length).toBeGreaterThan(0);
    const res = await get(`/v1/leads/export?format=ndjson${q ? `&${q}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="leads-20260603T120000Z\.ndjson"$/,
    );
    const rows = ndjson(res.body);
    expect(rows.map((r) => r.id)).toEqual(list.map((item) => item.id));
    for (const [i, item] of list.entries()) {
      expect(rows[i]).toMatchObject({
        id: item.id,
        score: item.score,
        grade: item.grade,
        segment: item.segment,
        stage: item.stage,
        owner: item.owner,
        lastActivityAt: item.lastActivityAt,
        modelVersion: item.modelVersion,
      });
    }
    const table = csv((await get(`/v1/leads/export?format=csv${q ? `&${q}` : ''}`)).body);
    const [header, ...lines] = table;
    expect(header).toEqual(Object.keys(rows[0]!));
    expect(lines).toEqual(rows.map((row) => header!.map((name) => cellOf(row[name]))));
  });

  it('shows each lead as the lead itself does: fit, engagement, categories, lifecycle', async () => {
    const rows = ndjson((await get('/v1/leads/export?format=ndjson')).body);
    expect(rows).toHaveLength(LEADS);
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'score',
      'fit',
      'engagement',
      'grade',
      'segment',
      'stage',
      'category.role',
      'category.size',
      'category.intent',
      'category.email',
      'owner',
      'lifecycleStage',
      'lastActivityAt',
      'modelVersion',
    ]);
    for (const row of rows) {
      const lead = (await get(`/v1/leads/${String(row.id)}`)).json<Row>();
      const categories = lead.categories as Record<string, number>;
      expect(row.fit).toBeCloseTo(lead.fit as number, 9);
      expect(row.engagement).toBeCloseTo(lead.engagement as number, 9);
      for (const name of ['role', 'size', 'intent', 'email'])
        expect(row[`category.${name}`]).toBeCloseTo(categories[name]!, 9);
      const lifecycle = (await get(`/v1/leads/${String(row.id)}/lifecycle`)).json<Row>();
      expect(row.lifecycleStage).toBe(lifecycle.stage);
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('lead-002')?.lifecycleStage).toBe('customer');
    expect(byId.get('lead-001')?.owner).toBe('cy@acme.io');
    // Decayed as of the request, not as stored.
    const stored = await wholeList('/v1/leads', '');
    expect(stored.some((item) => item.score !== item.storedScore)).toBe(true);
  });

  it('adds the trait columns asked for, or every trait as JSON', async () => {
    const url = '/v1/leads/export?format=ndjson&traits=title,%20company.employees,labels,nothing';
    const rows = ndjson((await get(url)).body);
    for (const row of rows) {
      const lead = (await get(`/v1/leads/${String(row.id)}`)).json<{ traits: Row }>();
      const company = lead.traits.company as Row;
      expect(row['traits.title']).toBe(lead.traits.title);
      expect(row['traits.company.employees']).toBe(company.employees);
      expect(row['traits.labels']).toEqual(lead.traits.labels);
      expect(row['traits.nothing']).toBeNull();
    }
    const all = ndjson((await get('/v1/leads/export?format=ndjson&traits=*')).body);
    for (const row of all.slice(0, 5)) {
      const lead = (await get(`/v1/leads/${String(row.id)}`)).json<{ traits: Row }>();
      expect(row.traits).toEqual(lead.traits);
    }
    const [header, first] = csv((await get('/v1/leads/export?traits=*&search=p0%40')).body);
    expect(header?.at(-1)).toBe('traits');
    expect(JSON.parse(first!.at(-1)!)).toEqual(all.find((r) => r.id === 'lead-000')?.traits);
  });

  it('quotes CSV cells and defuses formulas', async () => {
    const res = await get('/v1/leads/export?traits=title,note,name,balance,active&sort=updatedAt');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = csv(res.body);
    const at = (name: string) => header!.indexOf(name);
    const byId = new Map(lines.map((line) => [line[0], line]));
    const lead = (i: number) => byId.get(`lead-${String(i).padStart(3, '0')}`)!;
    // Commas, quotes and a new line survive quoting.
    expect(lead(2)[at('traits.title')]).toBe(TITLES[2]);
    expect(res.body).toContain('"VP, ""Growth""\nEMEA"');
    expect(lead(3)[at('traits.title')]).toBe(`'${TITLES[3]}`);
    expect(lead(0)[at('traits.note')]).toBe(`'${NOTES[0]}`);
    expect(lead(1)[at('traits.note')]).toBe(`'${NOTES[1]}`);
    expect(lead(2)[at('traits.note')]).toBe(`'${NOTES[2]}`);
    expect(lead(3)[at('traits.note')]).toBe(`'${NOTES[3]}`);
    expect(lead(4)[at('traits.note')]).toBe(`'${NOTES[4]}`);
    expect(lead(5)[at('traits.note')]).toBe('plain');
    expect(lead(6)[at('traits.note')]).toBe('trailing ');
    expect(lead(7)[at('traits.name')]).toBe("'=cmd|' /C calc'!A7");
    // Numbers stay numbers, negative ones too; booleans read as text.
    expect(lead(4)[at('traits.balance')]).toBe('-4');
    expect(lead(4)[at('traits.active')]).toBe('true');
    // No cell of the file starts a formula.
    for (const line of lines)
      for (const cell of line) if (!/^-\d/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('streams page after page: a small page size writes the same file', async () => {
    const whole = (await get('/v1/leads/export?format=csv&traits=title&sort=score')).body;
    let paged = '';
    const chunks = exportLeads(
      w.store,
      new ActiveModels(),
      w.ws,
      {
        filters: { sort: 'score', direction: 'asc' },
        format: 'csv',
        traits: { kind: 'paths', paths: ['title'] },
      },
      LATER,
      3,
    );
    let count = 0;
    for await (const chunk of chunks) {
      paged += chunk;
      count++;
    }
    expect(count).toBe(Math.ceil(LEADS / 3));
    expect(paged).toBe(whole);
    let accounts = '';
    const one = exportAccounts(
      w.store,
      w.ws,
      { filters: {}, format: 'csv', traits: { kind: 'paths', paths: ['name'] } },
      1,
    );
    for await (const chunk of one) accounts += chunk;
    expect(accounts).toBe((await get('/v1/accounts/export?traits=name')).body);
  });

  it('exports the accounts as their list shows them, with company traits', async () => {
    const list = await wholeList('/v1/accounts', '');
    expect(list.length).toBe(2);
    const res = await get('/v1/accounts/export?format=ndjson&traits=employees,motto');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="accounts-[0-9TZ]+\.ndjson"/);
    const rows = ndjson(res.body);
    expect(rows.map((r) => r.id)).toEqual(list.map((a) => a.id));
    for (const [i, item] of list.entries()) expect(rows[i]).toMatchObject(item);
    expect(rows.find((r) => r.id === 'acme')).toMatchObject({
      'traits.employees': 5000,
      'traits.motto': '=go',
    });
    const [header, ...lines] = csv((await get('/v1/accounts/export?traits=motto')).body);
    expect(header).toEqual([...Object.keys(list[0]!), 'traits.motto']);
    expect(lines.map((l) => l.at(-1))).toEqual(rows.map((r) => (r.id === 'acme' ? "'=go" : '')));
    const watch = ndjson((await get('/v1/accounts/export?format=ndjson&segment=none')).body);
    expect(watch.map((r) => r.id)).toEqual(
      (await wholeList('/v1/accounts', 'segment=none')).map((a) => a.id),
    );
  });

  it('answers an empty file for no match: CSV its header, NDJSON nothing', async () => {
    const none = await get('/v1/leads/export?segment=nowhere');
    expect(none.statusCode).toBe(200);
    expect(csv(none.body)).toHaveLength(1);
    expect((await get('/v1/leads/export?segment=nowhere&format=ndjson')).body).toBe('');
  });

  it.each([
    ['/v1/leads/export?format=xml', 'querystring.format'],
    ['/v1/leads/export?stage=warm', 'querystring.stage'],
    ['/v1/leads/export?minScore=high', 'querystring.minScore'],
    ['/v1/leads/export?sort=sideways', 'querystring.sort'],
    ['/v1/leads/export?traits=title,,email', 'querystring.traits: path 2'],
    ['/v1/leads/export?traits=title,*', 'querystring.traits'],
    ['/v1/leads/export?traits=a..b', 'querystring.traits: path 1'],
    ['/v1/accounts/export?format=pdf', 'querystring.format'],
    ['/v1/accounts/export?traits=.x', 'querystring.traits'],
  ])('refuses %s with a 400 naming the parameter', async (url, where) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    const error = res.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(where);
  });

  it('needs the admin key, as the lists do', async () => {
    for (const url of ['/v1/leads/export', '/v1/accounts/export']) {
      expect((await get(url, w.writeAsBearer)).statusCode).toBe(403);
      expect((await get(url, {})).statusCode).toBe(401);
    }
  });
});

describe.each(STORES)('a broken database on $name', ({ open }) => {
  it('answers a coded 500 before any byte of the file, not a 200 cut short', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    const w = await exportWorkspace(store, app, NOW);
    await dropTable(store, 'lead_scores');
    const res = await app.inject({ method: 'GET', url: '/v1/leads/export', headers: w.admin });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json()).toMatchObject({ error: { code: 'internal' } });
  });
});
