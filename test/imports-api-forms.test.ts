// Imports over the HTTP API as multipart forms on real stores: several files and a mapping in
// one request give the scores `leadscore score` computes from the same data under its own
// column names; a preview shows the mapping; every mistake in a form is a 4xx naming the field.
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  expectScoredLikeCli,
  form,
  scoredByCli,
  setup,
  text,
  type Ctx,
  type FormPart,
} from './import-api-context.js';
import { freshStores } from './fresh-stores.js';

/** leads.csv as another CRM exports it: its own column names, and a column to leave out. */
function crmLeads(): string {
  const [header, ...rows] = text('leads.csv').trimEnd().split('\n');
  const renamed = header!
    .replace(/^id,/, 'Lead ID,')
    .replace(',title,', ',Job Title,')
    .replace(',company.employees', ',Employees');
  return [`${renamed},Notes`, ...rows.map((row, i) => `${row},"called, ${i}"`)].join('\n');
}

const MAP = `
leads:
  columns:
    Lead ID: id
    Job Title: title
    Employees: { to: company.employees, type: number }
    Notes: { ignore: true }
`;

const leadsPart = (content = crmLeads()): FormPart => ({
  name: 'leads',
  filename: 'crm-export.csv',
  type: 'text/csv',
  content,
});
const mapPart = (content = MAP): FormPart => ({
  name: 'map',
  filename: 'crm.yaml',
  type: 'application/yaml',
  content,
});

async function postForm(ctx: Ctx, url: string, parts: FormPart[]) {
  const body = form(parts);
  return ctx.post(url, body.payload, body.type);
}

describe.each(freshStores())('imports API forms on $name', ({ open }) => {
  it('imports leads with a mapping and events in one form: the CLI’s scores', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const job = await ctx.started(
      await postForm(ctx, '/v1/imports', [
        leadsPart(),
        // Events as CSV, sent with a type that says nothing: the name tells.
        {
          name: 'events',
          filename: 'C:\\exports\\events.csv',
          type: 'application/octet-stream',
          content: text('events.csv'),
        },
        mapPart(),
        { name: 'quiet', content: 'true' },
      ]),
    );
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result!.counts.leads).toMatchObject({ read: 30, created: 30, rejected: 0 });
    expect(job.result!.counts.events).toMatchObject({ read: 400, rejected: 0 });
    await expectScoredLikeCli(ctx, await scoredByCli('b2b.yaml', 'leads.csv', 'events.csv'));
    const lead = (await ctx.get('/v1/leads/L0000001')).json<{ traits: Record<string, unknown> }>();
    expect(lead.traits).not.toHaveProperty('Notes');
    expect(lead.traits).toMatchObject({ title: 'VP Sales', company: { employees: 47 } });
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });

  it('names the upload in rejects and in a failed check', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const bad = `${crmLeads()}\n,nobody@example.com,,,,,,,,,\n`;
    const job = await ctx.started(await postForm(ctx, '/v1/imports', [leadsPart(bad), mapPart()]));
    expect(job.result!.counts.leads).toMatchObject({ read: 31, rejected: 1 });
    expect(job.result!.firstRejects).toEqual([
      expect.objectContaining({ kind: 'leads', file: 'crm-export.csv', line: 32 }),
    ]);
    // Without the mapping the file has no id column.
    const unmapped = await postForm(ctx, '/v1/imports', [leadsPart()]);
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json<{ error: { message: string } }>().error.message).toMatch(
      /^crm-export\.csv:1: /,
    );
    const badMap = await postForm(ctx, '/v1/imports', [
      leadsPart(),
      mapPart('leads:\n  columns:\n    Lead ID: { to: id, kind: text }\n'),
    ]);
    expect(badMap.statusCode).toBe(400);
    const message = badMap.json<{ error: { message: string } }>().error.message;
    expect(message).toMatch(/^crm\.yaml:3: /);
    expect(message).not.toContain(ctx.uploads);
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });

  it('previews a file of a form with its mapping', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const res = await postForm(ctx, '/v1/imports/preview', [leadsPart(), mapPart()]);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{
      file: string;
      columns: { column: string; to: string | null }[];
      rows: { line: number; values: Record<string, unknown> | null }[];
    }>();
    expect(preview.file).toBe('crm-export.csv');
    expect(preview.columns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'Lead ID', to: 'id' }),
        expect.objectContaining({ column: 'Employees', to: 'company.employees' }),
        expect.objectContaining({ column: 'Notes', to: null }),
      ]),
    );
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      values: { id: 'L0000001', 'company.employees': 47 },
    });
    const two = await postForm(ctx, '/v1/imports/preview', [
      leadsPart(),
      { name: 'events', filename: 'e.ndjson', content: text('events.ndjson') },
    ]);
    expect(two.statusCode).toBe(400);
    expect((await ctx.get('/v1/leads')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('refuses every mistake in a form with a 4xx naming the field', async () => {
    const ctx = await setup(open, 'b2b.yaml', 8192);
    const refused = async (status: number, parts: FormPart[], what: RegExp, url = '') => {
      const res = await postForm(ctx, `/v1/imports${url}`, parts);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(what);
    };
    await refused(
      400,
      [leadsPart(), { name: 'deals', filename: 'd.csv', content: 'x' }],
      /^deals: unknown field/,
    );
    await refused(400, [leadsPart(), { name: 'fast', content: '1' }], /^fast: unknown field/);
    await refused(400, [leadsPart(), leadsPart()], /^leads: given more than once/);
    await refused(400, [{ name: 'leads', content: 'id\nL1\n' }], /^leads: expected a file/);
    await refused(
      400,
      [leadsPart(), { name: 'dryRun', content: 'maybe' }],
      /^dryRun: expected one of/,
    );
    await refused(400, [{ name: 'dryRun', content: 'true' }], /no file/);
    await refused(400, [leadsPart(''), mapPart()], /^leads: the file is empty/);
    await refused(400, [leadsPart(), mapPart()], /querystring\.kind/, '?kind=leads');
    await refused(
      400,
      [leadsPart(), mapPart(), { name: 'dryRun', content: 'false' }],
      /dryRun: the query and the form disagree/,
      '?dryRun=1',
    );
    const big = { ...leadsPart(), content: `${crmLeads()}\n${'L9,x\n'.repeat(2000)}` };
    // Declared too large: refused before it is read.
    await refused(413, [big], /^body: over the import size limit of 8192 bytes/);
    // Sent without a length: cut off where the whole form passes the limit.
    const companies = {
      name: 'companies',
      filename: 'c.csv',
      content: `id\n${'C1\n'.repeat(2000)}`,
    };
    const parts = form([mapPart(), leadsPart(), companies]);
    const chunked = await ctx.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...ctx.admin, 'content-type': parts.type },
      // A stream: sent without a content-length.
      payload: Readable.from([parts.payload]),
    });
    expect(chunked.statusCode, chunked.body).toBe(413);
    expect(chunked.json<{ error: { message: string } }>().error.message).toMatch(
      /^companies: over the import size limit of 8192 bytes/,
    );
    const write = form([leadsPart()]);
    expect((await ctx.post('/v1/imports', write.payload, write.type, ctx.write)).statusCode).toBe(
      403,
    );
    expect((await ctx.get('/v1/jobs')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });
});
