// A `leadscore import` killed (SIGKILL) after some chunks committed, then run again, leaves the
// same leads, events, scores, history and lifecycle as one clean run: on both stores.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile-model.js';
import { readState } from '../src/core/score-state.js';
import { loadModel } from '../src/service/load-model.js';
import type { LifecycleEntry } from '../src/store/port.js';
import { importTargets, type ImportDatabase } from './import-databases.js';
import { writeHistory, type HistoryFiles } from './import-history.js';
import { snapshotOf } from './import-snapshot.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

const model = await loadModel(join(ROOT, 'examples/models/b2b.yaml'));
const compiled = compileModel(model);
const START = new Date(Date.now() - 86_400_000);
const EVENTS = 8000;

const argsOf = (db: ImportDatabase, files: HistoryFiles) => [
  'import',
  ...db.args,
  '--leads',
  files.leads,
  '--events',
  files.events,
  '--outcomes',
  files.outcomes,
  '--chunk-rows',
  '200',
  '--json',
];

/**
 * What two runs must agree on: the times of the runs themselves (a run's "now": its hand-overs
 * and its final change, whose score is decayed to that moment) left out.
 */
async function outcomeOf(db: ImportDatabase & { ws: string }, asOf: number, runsFrom: number) {
  const run = (t: number) => (t >= runsFrom ? 'now' : t);
  const store = db.open();
  try {
    const s = await snapshotOf(store, db.ws);
    return {
      leads: s.leads.map(({ id, traits, companyId }) => ({ id, traits, companyId })),
      scores: s.scores.map((r) => ({ leadId: r.leadId, ...readState(compiled, r.state, asOf) })),
      history: s.history.map((entries) =>
        (entries as { at: number; causeRef: string | null; score: number }[]).map((e) =>
          e.causeRef === 'import' ? { ...e, at: run(e.at), score: 0 } : e,
        ),
      ),
      lifecycle: s.lifecycle.map((entries) =>
        (entries as LifecycleEntry[]).map(({ seq: _seq, ...e }) => ({
          ...e,
          at: run(e.at),
          handover: e.handover && { ...e.handover, at: run(e.handover.at) },
        })),
      ),
      events: s.events,
      pending: s.pending,
    };
  } finally {
    await store.close();
  }
}

describe.each(importTargets())('an import killed mid-way on $name', (target) => {
  it('is completed by running it again, as if it had run once', { timeout: 120_000 }, async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: 300, events: EVENTS, seed: 11, format: 'ndjson' },
      START,
    );
    const spec = model as unknown as Record<string, unknown>;
    const at = Date.now();
    const clean = await target.create(spec, at);
    const crashed = await target.create(spec, at);

    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/leadscore.js'), ...argsOf(crashed, files)],
      {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, ...crashed.env },
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const watcher = crashed.open();
    let stored = 0;
    try {
      // Killed once a few chunks of events are committed, well before the last.
      while (stored < 1000 && child.exitCode === null) {
        stored = await watcher.countEvents(crashed.ws);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      await exited;
      stored = await watcher.countEvents(crashed.ws);
      expect(stored).toBeGreaterThanOrEqual(1000);
      expect(stored).toBeLessThan(EVENTS * 0.9);
      // Whole chunks only: every committed chunk's leads are noted for scoring.
      expect((await watcher.listImportPending(crashed.ws, { limit: 10 })).length).toBeGreaterThan(
        0,
      );
    } finally {
      await watcher.close();
    }

    const rerun = await runCli(argsOf(crashed, files), ROOT, crashed.env);
    expect(rerun.code).toBe(0);
    const once = await runCli(argsOf(clean, files), ROOT, clean.env);
    expect(once.code).toBe(0);

    const asOf = Date.now();
    const after = await outcomeOf(crashed, asOf, at);
    expect(after.pending).toEqual([]);
    const expected = await outcomeOf(clean, asOf, at);
    for (const key of Object.keys(expected) as (keyof typeof expected)[])
      expect(after[key], key).toEqual(expected[key]);
  });
});
