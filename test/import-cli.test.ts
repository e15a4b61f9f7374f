// `leadscore import` end to end on both stores: a generated history scores as `leadscore score`
// scores the same files, a second import changes nothing, and outcomes become lifecycle moves.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile-model.js';
import { round2 } from '../src/core/lead-score.js';
import { readState } from '../src/core/score-state.js';
import { importResultSchema, type ImportResult } from '../src/service/import/import-types.js';
import { loadModel } from '../src/service/load-model.js';
import type { Store } from '../src/store/port.js';
import { importTargets } from './import-databases.js';
import { writeHistory } from './import-history.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';
import { snapshotOf } from './import-snapshot.js';

const MODEL_FILE = join(ROOT, 'examples/models/b2b.yaml');
const model = await loadModel(MODEL_FILE);
const compiled = compileModel(model);
const START = new Date(Date.now() - 86_400_000);

function resultOf(stdout: string): ImportResult {
  return importResultSchema.parse(JSON.parse(stdout));
}

describe.each(importTargets())('leadscore import on $name', (target) => {
  it('gives every lead the score `leadscore score` computes from the same files', async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: 300, events: 4000, seed: 7, format: 'ndjson' },
      START,
    );
    const db = await target.create(model as unknown as Record<string, unknown>, Date.now());
    const run = await runCli(
      [
        'import',
        ...db.args,
        '--companies',
        files.companies,
        '--leads',
        files.leads,
        '--events',
        files.events,
        '--outcomes',
        files.outcomes,
        '--json',
      ],
      ROOT,
      db.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = resultOf(run.stdout);
    expect(result.counts.leads).toMatchObject({ read: 300, created: 300, rejected: 0 });
    expect(result.counts.companies).toMatchObject({ read: 3, created: 3 });
    const events = result.counts.events!;
    expect(events.read).toBe(4000);
    expect(events.rejected).toBe(0);
    expect(events.created + events.duplicates).toBe(4000);
    expect(events.duplicates).toBeGreaterThan(0);
    const outcomeRows = (await readFile(files.outcomes, 'utf8')).trim().split('\n').length - 1;
    expect(result.counts.outcomes).toMatchObject({ read: outcomeRows, created: outcomeRows });
    expect(result.rescored).toBe(300);

    const asOf = new Date();
    const scored = await runCli([
      'score',
      '--model',
      MODEL_FILE,
      '--leads',
      files.leads,
      '--events',
      files.events,
      '--as-of',
      asOf.toISOString(),
      '--format',
      'csv',
    ]);
    expect(scored.code).toBe(0);
    const expected = parse(scored.stdout, { columns: true }) as Record<string, string>[];
    expect(expected).toHaveLength(300);
    const store = db.open();
    try {
      const rows = await store.getScores(db.ws, files.leadIds);
      const actual = expected.map((e) => {
        const row = rows.get(e.id!);
        if (!row) return { id: e.id, missing: true };
        const s = readState(compiled, row.state, asOf.getTime());
        return {
          id: e.id,
          score: round2(s.score),
          fit: round2(s.fit),
          engagement: round2(s.engagement),
          grade: s.grade ?? '',
          segment: s.segment,
          stage: s.stage,
        };
      });
      expect(actual).toEqual(
        expected.map((e) => ({
          id: e.id,
          score: Number(e.score),
          fit: Number(e.fit),
          engagement: Number(e.engagement),
          grade: e.grade,
          segment: e.segment,
          stage: e.stage,
        })),
      );
      // The past is history, at the events' own times.
      let past = 0;
      for (const id of files.leadIds.slice(0, 50)) {
        const history = await store.listHistory(db.ws, id, { limit: 1000 });
        if (history.some((h) => h.at < START.getTime() && h.cause === 'event')) past++;
      }
      expect(past).toBeGreaterThan(10);
      const customers = await store.getLifecycles(db.ws, files.leadIds);
      expect([...customers.values()].filter((l) => l.stage === 'customer').length).toBe(
        files.leadIds.filter((_, i) => i % 7 === 3).length,
      );
    } finally {
      await store.close();
    }
  });

  it('changes nothing when the same files are imported again', async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: 120, events: 1500, seed: 3, format: 'csv' },
      START,
    );
    const db = await target.create(model as unknown as Record<string, unknown>, Date.now());
    const args = [
      'import',
      ...db.args,
      '--leads',
      files.leads,
      '--events',
      files.events,
      '--outcomes',
      files.outcomes,
      '--companies',
      files.companies,
      '--json',
    ];
    const first = await runCli(args, ROOT, db.env);
    expect(first.code).toBe(0);
    const store: Store = db.open();
    try {
      const before = await snapshotOf(store, db.ws);
      const again = await runCli(args, ROOT, db.env);
      expect(again.code).toBe(0);
      const result = resultOf(again.stdout);
      for (const kind of ['leads', 'events', 'outcomes', 'companies'] as const) {
        const counts = result.counts[kind]!;
        expect(counts.created + counts.updated + counts.rejected).toBe(0);
        expect(counts.duplicates).toBe(counts.read);
      }
      expect(result.rescored).toBe(0);
      expect(await snapshotOf(store, db.ws)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('hands over once per lead for the change since before the import, and never when quiet', async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: 200, events: 3000, seed: 5, format: 'ndjson' },
      START,
    );
    const spec = model as unknown as Record<string, unknown>;
    const handOvers = async (quiet: boolean) => {
      const db = await target.create(spec, Date.now());
      const run = await runCli(
        [
          'import',
          ...db.args,
          '--leads',
          files.leads,
          '--events',
          files.events,
          '--json',
          ...(quiet ? ['--quiet'] : []),
        ],
        ROOT,
        db.env,
      );
      expect(run.code).toBe(0);
      const store = db.open();
      try {
        const qualified = new Set(compiled.segments.filter((g) => g.qualified).map((g) => g.id));
        const scores = await store.getScores(db.ws, files.leadIds);
        const perLead: number[] = [];
        let crossings = 0;
        for (const id of files.leadIds) {
          const moves = await store.listLifecycleEntries(db.ws, id, { limit: 100 });
          perLead.push(moves.filter((m) => m.kind === 'handed_over').length);
          const history = await store.listHistory(db.ws, id, { limit: 1000 });
          crossings += history.filter(
            (h) =>
              h.causeRef !== 'import' &&
              qualified.has(h.segment) &&
              !qualified.has(h.previous?.segment ?? ''),
          ).length;
        }
        const inQualified = files.leadIds.filter((id) =>
          qualified.has(scores.get(id)!.segment),
        ).length;
        return { perLead, crossings, inQualified };
      } finally {
        await store.close();
      }
    };
    const loud = await handOvers(false);
    // Past entries cross into qualified segments; only the change since before the import hands over.
    expect(loud.crossings).toBeGreaterThan(0);
    expect(Math.max(...loud.perLead)).toBe(1);
    expect(loud.perLead.reduce((a, b) => a + b, 0)).toBe(loud.inQualified);
    const quiet = await handOvers(true);
    expect(quiet.perLead.every((n) => n === 0)).toBe(true);
    expect(quiet.crossings).toBe(loud.crossings);
  });
});
