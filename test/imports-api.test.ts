// Imports over the HTTP API on real stores: files uploaded as a streamed body (or a multipart
// form), imported by a background job whose result counts what it did; every lead then has the
// score `leadscore score` computes from the same files; refused rows downloaded with file and
// line; a dry run writes nothing; every mistake a clear 4xx; the uploads removed afterwards.
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import {
  csvRows,
  expectScoredLikeCli,
  NOW,
  scoredByCli,
  setup,
  text,
  type Ctx,
} from './import-api-context.js';
import type { Store } from '../src/store/port.js';
import { dropTable, freshStores } from './fresh-stores.js';

describe.each(freshStores())('imports API on $name', ({ open: fresh }) => {
  // One database for the tests of a store, each in a workspace of its own (fewer databases to
  // make and drop); a test that breaks its database opens its own.
  let shared: Promise<Store> | undefined;
  const open = () => (shared ??= fresh());

  it('imports a leads CSV and events NDJSON sent as bodies: counts, and the CLI’s scores', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const leads = await ctx.imported('?kind=leads', text('leads.csv'));
    expect(leads.status, leads.error ?? '').toBe('succeeded');
    expect(leads.result?.dryRun).toBe(false);
    expect(leads.result?.counts.leads).toMatchObject({ read: 30, created: 30, rejected: 0 });
    expect(leads.progress).toBe(leads.total);

    const events = await ctx.imported(
      '?kind=events&name=events.ndjson',
      text('events.ndjson'),
      'application/x-ndjson',
    );
    expect(events.status, events.error ?? '').toBe('succeeded');
    const counts = events.result!.counts.events!;
    expect(counts.read).toBe(400);
    expect(counts.created + counts.duplicates + counts.rejected).toBe(400);
    expect(counts.rejected).toBe(0);
    expect(events.result!.rescored).toBeGreaterThan(0);
    await expectScoredLikeCli(ctx, await scoredByCli('b2b.yaml', 'leads.csv', 'events.ndjson'));

    // The same file again changes nothing.
    const again = await ctx.imported('?kind=events', text('events.ndjson'), 'application/x-ndjson');
    expect(again.result!.counts.events).toMatchObject({ created: 0, rejected: 0 });
    expect(again.result!.counts.events!.duplicates).toBe(400);
    // Every upload is gone once its job has ended.
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });

  it('lists the refused rows with file, line and reason, as CSV or NDJSON', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    await ctx.imported('?kind=leads', text('leads.csv'));
    const job = await ctx.imported(
      '?kind=events&name=bad-events.ndjson',
      text('bad-events.ndjson'),
      'application/x-ndjson',
    );
    expect(job.status, job.error ?? '').toBe('succeeded');
    const counts = job.result!.counts.events!;
    expect(counts.read).toBe(6);
    expect(counts.rejected).toBeGreaterThanOrEqual(3);
    expect(Object.values(counts.rejectedByReason).reduce((a, b) => a + b, 0)).toBe(counts.rejected);

    const csv = await ctx.get(`/v1/imports/${job.id}/rejects`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csvRows(csv.body);
    expect(rows).toHaveLength(counts.rejected);
    expect(Object.keys(rows[0]!)).toEqual(['kind', 'file', 'line', 'reason', 'row']);
    const lines = text('bad-events.ndjson').split('\n');
    for (const line of [2, 3, 5]) {
      const row = rows.find((r) => r.line === String(line));
      expect(row, `line ${line}`).toMatchObject({
        kind: 'events',
        file: 'bad-events.ndjson',
        row: lines[line - 1],
      });
      expect(row?.reason ?? '').not.toBe('');
    }
    expect(job.result!.firstRejects.map((r) => r.line)).toEqual(rows.map((r) => Number(r.line)));

    const ndjson = await ctx.get(`/v1/imports/${job.id}/rejects?format=ndjson`);
    expect(ndjson.statusCode).toBe(200);
    const parsed = ndjson.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toEqual(rows.map((r) => ({ ...r, line: Number(r.line) })));

    // The good lines are stored.
    const events = (await ctx.get('/v1/leads/L0000003/events')).json<{
      items: { messageId: string }[];
    }>();
    expect(events.items.map((e) => e.messageId)).toContain('bad-demo-0006');
  });

  it('answers 404 for the rejects of an unknown job, another workspace’s or a job of another kind', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const job = await ctx.imported('?kind=leads', text('leads.csv'));
    expect((await ctx.get(`/v1/imports/${job.id}/rejects`)).body).toBe(
      'kind,file,line,reason,row\n',
    );
    expect((await ctx.get('/v1/imports/nope/rejects')).statusCode).toBe(404);
    const other = await createWorkspaceWithKeys(ctx.store, 'other', NOW);
    const theirs = await ctx.app.inject({
      method: 'GET',
      url: `/v1/imports/${job.id}/rejects`,
      headers: { authorization: `Bearer ${other.admin.secret}` },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ error: { code: 'not_found' } });
    const backtest = await ctx.store.createJob(ctx.ws, { kind: 'backtest', total: 0 }, NOW);
    expect((await ctx.get(`/v1/imports/${backtest.id}/rejects`)).statusCode).toBe(404);
    const format = await ctx.get(`/v1/imports/${job.id}/rejects?format=xlsx`);
    expect(format.statusCode).toBe(400);
  });

  it('fails a job the store cannot finish, saying why, and removes its uploads', async () => {
    const ctx = await setup(fresh, 'b2b.yaml');
    // A real failure inside the job: the table its leads go to is gone.
    await dropTable(ctx.store, 'leads');
    const job = await ctx.imported('?kind=leads', text('leads.csv'));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/leads/);
    expect(job.error).not.toContain(ctx.uploads);
    expect(job.result).toBeNull();
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });

  it('writes nothing in a dry run, and says what it would do', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const job = await ctx.imported('?kind=leads&dryRun=true', text('leads.csv'));
    expect(job.status, job.error ?? '').toBe('succeeded');
    // What the import would do: 30 new leads, each scored at the end.
    expect(job.result).toMatchObject({ dryRun: true, rescored: 30 });
    expect(job.result!.counts.leads).toMatchObject({
      read: 30,
      created: 30,
      updated: 0,
      duplicates: 0,
      rejected: 0,
    });
    const list = (await ctx.get('/v1/leads')).json<{ items: unknown[] }>();
    expect(list.items).toEqual([]);
    expect((await ctx.get('/v1/leads/L0000001')).statusCode).toBe(404);
  });

  it('previews a file as it will be read, creating nothing', async () => {
    const ctx = await setup(open, 'b2b.yaml');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/imports/preview?kind=leads&name=crm.csv',
      headers: { ...ctx.admin, 'content-type': 'text/csv' },
      payload: text('leads.csv'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{
      kind: string;
      file: string;
      columns: { column: string; to: string | null }[];
      rows: { line: number; values: Record<string, unknown> | null; reject: string | null }[];
    }>();
    expect(preview).toMatchObject({ kind: 'leads', file: 'crm.csv', format: 'csv' });
    const header = text('leads.csv').split('\n')[0]!.split(',');
    expect(preview.columns.map((c) => c.column)).toEqual(header);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toMatchObject({ line: 2, reject: null });
    expect((await ctx.get('/v1/leads')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await ctx.get('/v1/jobs')).json<{ items: unknown[] }>().items).toEqual([]);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/v1/imports/preview?kind=leads',
      headers: { ...ctx.admin, 'content-type': 'text/csv' },
      payload: 'name,email\nAda,ada@example.com\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^leads\.csv:1: /);
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });

  it('refuses a write key, and every mistake with a 4xx saying what is wrong', async () => {
    const ctx = await setup(open, 'b2b.yaml', 4096);
    const leads = text('leads.csv');
    const refused = async (status: number, res: Awaited<ReturnType<Ctx['send']>>, what: RegExp) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(what);
    };
    await refused(403, await ctx.send('?kind=leads', leads, 'text/csv', ctx.write), /write key/);
    await refused(401, await ctx.send('?kind=leads', leads, 'text/csv', {} as never), /API key/);
    const basic = `Basic ${Buffer.from(`${ctx.write.authorization.slice(7)}:`).toString('base64')}`;
    await refused(
      401,
      await ctx.send('?kind=leads', leads, 'text/csv', { authorization: basic }),
      /API key/,
    );
    await refused(400, await ctx.send('', leads), /querystring\.kind: required/);
    await refused(400, await ctx.send('?kind=deals', leads), /querystring\.kind/);
    await refused(400, await ctx.send('?kind=leads&fast=1', leads), /fast/);
    await refused(400, await ctx.send('?kind=leads&dryRun=maybe', leads), /dryRun/);
    await refused(400, await ctx.send('?kind=leads', ''), /empty|no file/);
    await refused(415, await ctx.send('?kind=leads', leads, 'application/x-ndjson'), /CSV/);
    await refused(415, await ctx.send('?kind=events', leads, 'image/png'), /image\/png/);
    await refused(
      400,
      await ctx.send('?kind=leads&name=crm.csv', 'name,email\nAda,ada@example.com\n'),
      /^crm\.csv:1: .*id/,
    );
    await refused(
      400,
      await ctx.send('?kind=events', '[{"type":"track"}]', 'application/x-ndjson'),
      /NDJSON/,
    );
    const big = `${leads}${'L9,x@example.com,,,,,,,,\n'.repeat(200)}`;
    await refused(413, await ctx.send('?kind=leads', big), /4096 bytes/);
    // A body without a declared length is cut off at the limit too.
    const chunked = await ctx.app.inject({
      method: 'POST',
      url: '/v1/imports?kind=leads',
      headers: { ...ctx.admin, 'content-type': 'text/csv' },
      // A stream: sent without a content-length.
      payload: Readable.from([Buffer.from(big)]),
    });
    await refused(413, chunked, /4096 bytes/);
    expect((await ctx.get('/v1/jobs')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(readdirSync(ctx.uploads)).toEqual([]);
  });
});
