// `leadscore import` with bad input, on both stores: bad rows are reported with file and line
// and every good row is stored; a dry run writes nothing; a bad mapping, a missing file or an
// unknown workspace stops it with one line saying what and where.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importResultSchema } from '../src/service/import/import-types.js';
import { BAD_FILES as FILES, BAD_MODEL as MODEL } from './import-bad-files.js';
import { importTargets } from './import-databases.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

describe.each(importTargets())('leadscore import of bad input on $name', (target) => {
  const importArgs = (dir: string, db: { args: string[] }) => [
    'import',
    ...db.args,
    '--leads',
    join(dir, 'leads.csv'),
    '--events',
    join(dir, 'events.ndjson'),
    '--outcomes',
    join(dir, 'outcomes.csv'),
    '--map',
    join(dir, 'map.yaml'),
  ];

  it('reports every bad row with its file and line, and stores every good one', async () => {
    const dir = await tempFiles(FILES);
    const db = await target.create(MODEL, Date.now());
    const rejects = join(dir, 'rejects.csv');
    const run = await runCli(
      [...importArgs(dir, db), '--rejects', rejects, '--json'],
      ROOT,
      db.env,
    );
    expect(run.code, run.stderr).toBe(0);
    const result = importResultSchema.parse(JSON.parse(run.stdout));
    expect(result.counts.leads).toMatchObject({ read: 5, created: 2, rejected: 3 });
    expect(result.counts.events).toMatchObject({ read: 5, created: 2, rejected: 3 });
    expect(result.counts.outcomes).toMatchObject({ read: 4, created: 1, rejected: 3 });
    expect(result.counts.leads!.rejectedByReason).toEqual({
      'no id': 1,
      'expected N fields as in the header, got N': 1,
      'column "employees": expected a number, got "…"': 1,
    });
    const listed = (
      parse(await readFile(rejects, 'utf8'), { columns: true }) as Record<string, string>[]
    ).map((r) => `${r.kind} ${r.file?.split('/').pop()}:${r.line}`);
    expect(listed).toEqual([
      'leads leads.csv:3',
      'leads leads.csv:4',
      'leads leads.csv:5',
      'events events.ndjson:2',
      'events events.ndjson:3',
      'events events.ndjson:4',
      'outcomes outcomes.csv:3',
      'outcomes outcomes.csv:5',
      'outcomes outcomes.csv:4',
    ]);
    expect(run.stderr).toContain('leads.csv:5: column "employees": expected a number, got "abc"');
    expect(run.stderr).toContain('9 rows rejected');

    const store = db.open();
    try {
      const leads = await store.getLeads(db.ws, ['L1', 'L3', 'L4', 'L5']);
      expect([...leads.keys()].sort()).toEqual(['L1', 'L5']);
      expect(leads.get('L1')?.traits).toEqual({ title: 'CEO', company: { size: 150 } });
      expect(await store.countEvents(db.ws)).toBe(2);
      expect((await store.getScore(db.ws, 'L1'))?.score).toBe(50);
      expect((await store.getLifecycles(db.ws, ['L1'])).get('L1')?.stage).toBe('customer');
    } finally {
      await store.close();
    }
  });

  it('writes nothing in a dry run, and says what it read', async () => {
    const dir = await tempFiles(FILES);
    const db = await target.create(MODEL, Date.now());
    const run = await runCli([...importArgs(dir, db), '--dry-run'], ROOT, db.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^leads\s+5\s+2\s+0\s+0\s+3$/m);
    expect(run.stdout).toContain('dry run: nothing was written; 2 leads would be scored');
    expect(run.stderr).toContain('leads.csv:3: no id');
    const store = db.open();
    try {
      expect((await store.getLeads(db.ws, ['L1', 'L5'])).size).toBe(0);
      expect(await store.countEvents(db.ws)).toBe(0);
      expect(await store.listImportPending(db.ws, { limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('stops at a mistake in the mapping, a file or the workspace, with one line saying where', async () => {
    const dir = await tempFiles({
      ...FILES,
      'bad-map.yaml': 'leads:\n  columns:\n    employees: { type: integer }\n',
      'no-id.csv': 'lead,title\nL1,CEO\n',
    });
    const db = await target.create(MODEL, Date.now());
    const leads = join(dir, 'leads.csv');
    const cases: [string[], RegExp][] = [
      [
        ['--leads', leads, '--map', join(dir, 'bad-map.yaml')],
        /bad-map\.yaml:3: leads\.columns\.employees\.type: .*"number"/,
      ],
      [['--leads', join(dir, 'nope.csv')], /nope\.csv/],
      [['--leads', join(dir, 'no-id.csv')], /no-id\.csv:1: missing column "id"/],
      [['--leads', leads, '--workspace', 'nobody'], /--workspace: no workspace "nobody"/],
      [[], /nothing to import/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['import', ...db.args, ...args], ROOT, db.env);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const store = db.open();
    try {
      expect((await store.getLeads(db.ws, ['L1'])).size).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('leadscore import into a workspace without a model', () => {
  it('stores the leads and says they are scored once a model is activated', async () => {
    const dir = await tempFiles({ 'leads.csv': 'id,title\nL1,CEO\nL2,CTO\n' });
    const db = join(dir, 'fresh.db');
    expect((await runCli(['workspaces', 'create', 'acme', '--db', db])).code).toBe(0);
    const run = await runCli(['import', '--db', db, '--leads', join(dir, 'leads.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^leads\s+2\s+2\s+0\s+0\s+0$/m);
    expect(run.stderr).toContain('No model is active in this workspace');
  });
});
