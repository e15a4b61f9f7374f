// `leadscore import --dry-run` on both stores: it answers the counts the real import of the same
// files then makes (created, updated, duplicates, rejected by reason, leads scored) and writes
// nothing; after the import, a dry run finds every good row already stored.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importResultSchema, type ImportResult } from '../src/service/import/import-types.js';
import { BAD_FILES, BAD_MODEL } from './import-bad-files.js';
import { importTargets, type ImportDatabase } from './import-databases.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

describe.each(importTargets())('leadscore import --dry-run on $name', (target) => {
  const run = async (
    dir: string,
    db: ImportDatabase,
    extra: string[],
    kinds = ['leads', 'events', 'outcomes'],
  ): Promise<ImportResult> => {
    const args = ['import', ...db.args, '--json', ...extra];
    for (const kind of kinds)
      args.push(`--${kind}`, join(dir, `${kind}.${kind === 'events' ? 'ndjson' : 'csv'}`));
    if (kinds.includes('leads')) args.push('--map', join(dir, 'map.yaml'));
    const result = await runCli(args, ROOT, db.env);
    expect(result.code, result.stderr).toBe(0);
    return importResultSchema.parse(JSON.parse(result.stdout));
  };

  it('counts what the import then does, writing nothing, and duplicates once imported', async () => {
    const dir = await tempFiles(BAD_FILES);
    const db = await target.create(BAD_MODEL, Date.now());
    const dry = await run(dir, db, ['--dry-run']);
    const store = db.open();
    try {
      expect((await store.getLeads(db.ws, ['L1', 'L5'])).size).toBe(0);
      expect(await store.countEvents(db.ws)).toBe(0);
      expect(await store.listImportPending(db.ws, { limit: 10 })).toEqual([]);
      expect((await store.getLifecycles(db.ws, ['L1'])).size).toBe(0);
    } finally {
      await store.close();
    }

    const real = await run(dir, db, []);
    expect(dry.dryRun).toBe(true);
    expect(real.dryRun).toBe(false);
    expect(dry.counts).toEqual(real.counts);
    expect(dry.rescored).toBe(real.rescored);
    expect(dry.firstRejects).toEqual(real.firstRejects);
    // The rows refused only when written are found too: an outcome for a lead never imported.
    expect(dry.counts.outcomes!.rejectedByReason).toMatchObject({
      'no lead "…": import it in the leads file first': 1,
    });
    expect(real.counts.leads!.created).toBe(2);

    const again = await run(dir, db, ['--dry-run']);
    for (const [kind, counts] of Object.entries(again.counts)) {
      const first = real.counts[kind as keyof typeof real.counts]!;
      expect(counts, kind).toEqual({
        ...first,
        created: 0,
        updated: 0,
        duplicates: first.read - first.rejected,
      });
    }
    expect(again.rescored).toBe(0);
    const second = await run(dir, db, []);
    expect(second.counts).toEqual(again.counts);
    expect(second.rescored).toBe(again.rescored);
  });

  it('finds updates, repeats within the files and leads the events create, as the import does', async () => {
    const ev = (lead: string, id: string, day: number) =>
      JSON.stringify({
        type: 'track',
        userId: lead,
        event: 'Demo Requested',
        timestamp: `2026-01-0${day}T00:00:00Z`,
        messageId: id,
      });
    const base = await tempFiles({
      'companies.csv': 'id,size\nC1,10\n',
      'leads.csv': 'id,title,company_id\nP1,A,C1\n',
      'events.ndjson': ev('P1', 'x0', 1),
      'outcomes.csv': 'lead_id,outcome,at,value,currency,reason\n',
      'map.yaml': 'leads:\n  columns: {}\n',
    });
    const next = await tempFiles({
      'companies.csv': 'id,name,size\nC1,Acme,10\nC1,Acme,10\nC2,Beta,500\n',
      'leads.csv': 'id,title,company_id\nP1,A,C1\nP2,B,C2\nP2,C,C2\n',
      'events.ndjson': [
        ev('P2', 'x1', 2),
        ev('P2', 'x1', 2),
        ev('P9', 'x2', 3),
        ev('P1', 'x0', 1),
      ].join('\n'),
      'outcomes.csv': [
        'lead_id,outcome,at,value,currency,reason',
        'P9,converted,2026-01-04T00:00:00Z,10,EUR,',
        'P9,converted,2026-01-04T00:00:00Z,10,EUR,',
        'P1,lost,2026-01-04T00:00:00Z,,,price',
        'P1,converted,2026-01-05T00:00:00Z,,,',
        'P4,converted,2026-01-05T00:00:00Z,,,',
      ].join('\n'),
      'map.yaml': 'leads:\n  columns: {}\n',
    });
    const all = ['companies', 'leads', 'events', 'outcomes'];
    const db = await target.create(BAD_MODEL, Date.now());
    await run(base, db, [], all);

    const dry = await run(next, db, ['--dry-run'], all);
    const store = db.open();
    try {
      expect((await store.getLeads(db.ws, ['P2', 'P9'])).size).toBe(0);
      expect(await store.countEvents(db.ws)).toBe(1);
      expect((await store.getCompany(db.ws, 'C1'))?.traits).toEqual({ size: '10' });
      expect(await store.listImportPending(db.ws, { limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
    const real = await run(next, db, [], all);
    expect(dry.counts).toEqual(real.counts);
    expect(dry.rescored).toBe(real.rescored);
    expect(dry.firstRejects).toEqual(real.firstRejects);
    expect(real.counts.companies).toMatchObject({ created: 1, updated: 1, duplicates: 1 });
    expect(real.counts.leads).toMatchObject({ created: 1, updated: 1, duplicates: 1 });
    expect(real.counts.events).toMatchObject({ created: 2, duplicates: 2 });
    expect(real.counts.outcomes).toMatchObject({ duplicates: 1, rejected: 1 });

    const again = await run(next, db, ['--dry-run'], all);
    const second = await run(next, db, [], all);
    expect(again.counts).toEqual(second.counts);
    expect(again.rescored).toBe(second.rescored);
    // Nothing is new the second time (P2's two rows still flip its title: both are updates).
    for (const counts of Object.values(again.counts)) expect(counts).toMatchObject({ created: 0 });
    expect(again.counts.leads).toMatchObject({ updated: 2, duplicates: 1 });
  });
});
