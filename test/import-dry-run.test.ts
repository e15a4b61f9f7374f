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
  const run = async (dir: string, db: ImportDatabase, extra: string[]): Promise<ImportResult> => {
    const args = ['import', ...db.args, '--json', ...extra];
    for (const kind of ['leads', 'events', 'outcomes'])
      args.push(`--${kind}`, join(dir, `${kind}.${kind === 'events' ? 'ndjson' : 'csv'}`));
    args.push('--map', join(dir, 'map.yaml'));
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
});
