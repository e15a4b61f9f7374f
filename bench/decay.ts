// Benchmark of the decay sweep: 1,000,000 scored leads (default) with nothing due, then with 1%
// due, on SQLite and PostgreSQL; the baseline is a bare read of every score row from the same
// store, which is what a sweep without the due-time index would have to do.
import { Command } from 'commander';
import { compileModel } from '../src/core/compile-model.js';
import { parseModel } from '../src/core/parse-model.js';
import { applyEvent, initialState } from '../src/core/score-state.js';
import { sweepDue } from '../src/service/decay/sweep-due.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { scoredRow } from '../src/service/scoring/lead-scoring.js';
import type { JsonObject, LeadScoreRow, Store } from '../src/store/port.js';
import { openBenchStore, type StoreKind } from './bench-store.js';

const opts = new Command('bench/decay.ts')
  .option('--leads <n>', 'scored leads', '1000000')
  .option('--due <fraction>', 'fraction of leads due in the second sweep', '0.01')
  .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
  .parse()
  .opts<{ leads: string; due: string; stores: string }>();

const leadCount = Number(opts.leads);
const dueFraction = Number(opts.due);
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const log = (line: string) => process.stderr.write(`${line}\n`);
const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

const model = parseModel(`
name: decay-bench
engagement:
  halfLifeDays: 30
  rules: [{ id: webinar, event: Webinar Attended, points: 30 }]
segments:
  - { id: warm, above: 20, stage: mofu }
  - { id: cool, above: 5, stage: tofu }
  - { id: cold, stage: tofu }
`);
const compiled = compileModel(model);

/** Lead i attended a webinar i/leads·60 days before T0: due times spread over the next months. */
function rowOf(i: number, version: number): LeadScoreRow {
  const time = T0 - Math.floor((i / leadCount) * 60 * DAY);
  const applied = applyEvent(compiled, initialState(compiled, { fit: 0, matched: [] }), {
    event: 'Webinar Attended',
    time,
    messageId: `m${i}`,
    properties: {},
    context: {},
  });
  if (!applied.ok) throw new Error('refused');
  return scoredRow({ version, compiled }, `L${String(i).padStart(7, '0')}`, applied.state, T0).row;
}

async function bareRead(store: Store, ws: string): Promise<number> {
  // Every score row, page by page, as a sweep without the index would read them.
  const started = process.hrtime.bigint();
  let after: string | undefined;
  let rows = 0;
  do {
    const page = await store.listLeads(ws, {
      sort: 'updatedAt',
      direction: 'asc',
      limit: 5000,
      ...(after ? { after } : {}),
    });
    rows += page.items.length;
    after = page.next ?? undefined;
  } while (after);
  if (rows !== leadCount) throw new Error(`read ${rows} rows, expected ${leadCount}`);
  return ms(started);
}

interface Figures {
  kind: StoreKind;
  nothingDue: number;
  someDue: number;
  due: number;
  changes: number;
  bare: number;
}

async function benchStore(kind: StoreKind): Promise<Figures> {
  const { store, dispose, analyze } = await openBenchStore(kind);
  try {
    const ws = (await store.createWorkspace('bench', T0)).id;
    const version = await store.addModel(ws, model as unknown as JsonObject, T0);
    await store.activateModel(ws, version, T0);
    let started = process.hrtime.bigint();
    const ids: string[] = [];
    for (let i = 0; i < leadCount; i += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, leadCount - i) }, (_, k) =>
        rowOf(i + k, version),
      );
      for (const r of rows) ids.push(r.leadId);
      await store.transaction(async (tx) => {
        await tx.ensureLeads(
          ws,
          rows.map((r) => r.leadId),
          T0,
        );
        await tx.putScores(ws, rows);
      });
      if ((i / 10_000) % 10 === 9)
        log(`${kind}: ${(i + 10_000).toLocaleString('en-US')} leads stored`);
    }
    await analyze();
    log(
      `${kind}: ${leadCount.toLocaleString('en-US')} scored leads stored in ${(ms(started) / 1000).toFixed(1)} s`,
    );

    const models = new ActiveModels();
    // Nothing due at T0: every due time is later (the lead scored last is due first).
    started = process.hrtime.bigint();
    const none = await sweepDue(store, models, T0);
    const nothingDue = ms(started);
    if (none.leads !== 0) throw new Error(`${none.leads} leads were due at T0`);

    // The moment when `dueFraction` of the leads are due.
    const dueTimes = (
      await store.listDueLeads(Number.MAX_SAFE_INTEGER, Math.ceil(leadCount * dueFraction))
    ).map((d) => d.dueAt);
    const cutoff = dueTimes[dueTimes.length - 1]!;
    started = process.hrtime.bigint();
    const some = await sweepDue(store, models, cutoff);
    const someDue = ms(started);

    const bare = await bareRead(store, ws);
    return { kind, nothingDue, someDue, due: some.leads, changes: some.changes, bare };
  } finally {
    await dispose();
  }
}

const results: Figures[] = [];
for (const kind of opts.stores.split(',') as StoreKind[]) results.push(await benchStore(kind));
const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
process.stdout.write(
  `\n${leadCount.toLocaleString('en-US')} scored leads, ${fmt(dueFraction * 100, 0)}% due in the second sweep\n` +
    '| store | sweep, nothing due | sweep, due leads | leads moved | changes | bare read of all score rows | nothing-due / bare | due-sweep / bare |\n' +
    '|---|---|---|---|---|---|---|---|\n' +
    results
      .map(
        (r) =>
          `| ${r.kind} | ${fmt(r.nothingDue)} ms | ${fmt(r.someDue)} ms | ${r.due.toLocaleString('en-US')} | ${r.changes.toLocaleString('en-US')} | ${fmt(r.bare)} ms | ${(r.nothingDue / r.bare).toFixed(5)} | ${(r.someDue / r.bare).toFixed(3)} |`,
      )
      .join('\n') +
    '\n',
);
