// Benchmark of the full rescore on model activation (default 100k leads, 2M stored events) on
// SQLite and PostgreSQL, against a bare read of all events from the same store (the floor), and
// a bare read of only what scoring reads of them (the floor of the job's own reads); then a
// backtest of a draft model against the activated one over the same data.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { compileModel } from '../src/core/compile-model.js';
import { parseModel } from '../src/core/parse-model.js';
import { backtest } from '../src/service/backtest/backtest.js';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { startActivation } from '../src/service/models/activation.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import {
  payloadReads,
  SCORED_TYPES,
  type PayloadReads,
} from '../src/service/rescore/scoring-reads.js';
import type { EventPosition, JsonObject, Store } from '../src/store/port.js';
import { loadEvents, loadLeads, openBenchStore, type StoreKind } from './bench-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const opts = new Command('bench/rescore.ts')
  .option('--leads <n>', 'leads to generate', '100000')
  .option('--events <n>', 'events to generate', '2000000')
  .option('--seed <n>', 'generator seed', '1')
  .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
  .option('--analyze', 'PostgreSQL: ANALYZE after loading (autovacuum may be off or not yet run)')
  .parse()
  .opts<{ leads: string; events: string; seed: string; stores: string; analyze?: boolean }>();

const leadCount = Number(opts.leads);
const eventCount = Number(opts.events);
const stores = opts.stores.split(',') as StoreKind[];

const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** The floor: every attributed event read page by page, only counted. */
async function bareRead(store: Store, ws: string): Promise<{ seconds: number; events: number }> {
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const page of store.streamEventsByLead(ws, { batchSize: 5000 })) events += page.length;
  return { seconds: seconds(started), events };
}

/** The job's own reads, page by page, with nothing scored. */
async function narrowRead(
  store: Store,
  ws: string,
  reads: PayloadReads,
): Promise<{ seconds: number; events: number }> {
  const started = process.hrtime.bigint();
  let events = 0;
  let after: EventPosition | null = null;
  do {
    const page = await store.scoringEventsPage(ws, {
      after,
      limit: 5000,
      types: SCORED_TYPES,
      ...reads,
    });
    events += page.events.length;
    after = page.next;
  } while (after);
  return { seconds: seconds(started), events };
}

interface Row {
  kind: StoreKind;
  leads: number;
  events: number;
  rescore: number;
  cpu: number;
  floor: number;
  narrow: number;
  backtest: number;
}

async function benchStore(kind: StoreKind, leadsPath: string, eventsPath: string): Promise<Row> {
  const { store, dispose, analyze } = await openBenchStore(kind);
  try {
    const now = Date.now();
    const ws = (await store.createWorkspace('bench', now)).id;
    let started = process.hrtime.bigint();
    const leads = await loadLeads(store, ws, leadsPath, now, (done) =>
      log(`${kind}: ${done.toLocaleString('en-US')} leads stored`),
    );
    let reported = 0;
    await loadEvents(store, ws, eventsPath, 2000, (done) => {
      if (done === reported || (done - reported < 200_000 && done < eventCount)) return;
      reported = done;
      log(
        `${kind}: ${done.toLocaleString('en-US')} event lines stored (${seconds(started).toFixed(0)} s)`,
      );
    });
    const events = await store.countEvents(ws);
    log(`${kind}: loaded ${leads} leads, ${events} events in ${seconds(started).toFixed(1)} s`);
    if (opts.analyze) await analyze();

    const model = parseModel(
      await readFile(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'),
      'examples/models/b2b.yaml',
    );
    const version = await store.addModel(ws, model as unknown as JsonObject, Date.now());
    const first = await bareRead(store, ws);
    log(`${kind}: bare read ${first.events} events in ${first.seconds.toFixed(1)} s`);
    const models = new ActiveModels();
    const reads = payloadReads(models.compile(ws, version, model));
    const narrow = await narrowRead(store, ws, reads);
    log(`${kind}: narrow read ${narrow.events} events in ${narrow.seconds.toFixed(1)} s`);

    started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const { job, running } = await startActivation(store, models, ws, version, () => Date.now());
    await running;
    const rescore = seconds(started);
    const used = process.cpuUsage(cpuBefore);
    // On a shared machine wall time varies with the neighbours; this process's CPU time less so
    // (for PostgreSQL it leaves out the server's).
    const cpu = (used.user + used.system) / 1e6;
    const ended = await store.getJob(ws, job.id);
    log(
      `${kind}: rescore job ${ended?.status} (${ended?.progress} leads) in ${rescore.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)${ended?.error ? `: ${ended.error}` : ''}`,
    );

    const second = await bareRead(store, ws);
    log(`${kind}: bare read again in ${second.seconds.toFixed(1)} s`);

    // The backtest a user runs before publishing: a draft (the seed model) against the model
    // just activated, with a capacity plan; it replays every lead under both and writes nothing.
    const draft = parseModel(
      await readFile(join(ROOT, 'examples/models/seed.yaml'), 'utf8'),
      'examples/models/seed.yaml',
    );
    started = process.hrtime.bigint();
    const tried = await backtest(
      store,
      models,
      ws,
      { kind: 'rules', version: null, compiled: compileModel(draft) },
      { capacityPerWeek: 500 },
      Date.now(),
    );
    const backtestSeconds = seconds(started);
    log(
      `${kind}: backtest of ${tried.leads} leads (${tried.moved} would move) in ${backtestSeconds.toFixed(1)} s`,
    );
    return {
      kind,
      leads,
      events,
      rescore,
      cpu,
      floor: Math.min(first.seconds, second.seconds),
      narrow: narrow.seconds,
      backtest: backtestSeconds,
    };
  } finally {
    await dispose();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-rescore-'));
try {
  const leadsPath = join(dir, 'leads.csv');
  const eventsPath = join(dir, 'events.ndjson');
  log(`generating ${leadCount} leads and ${eventCount} events in ${dir}`);
  await generateDataset({
    leads: leadCount,
    events: eventCount,
    seed: Number(opts.seed),
    start: new Date(),
    days: 180,
    leadsPath,
    eventsPath,
    eventsFormat: 'ndjson',
  });
  const rows: Row[] = [];
  for (const kind of stores) rows.push(await benchStore(kind, leadsPath, eventsPath));

  const fmt = (n: number) => n.toLocaleString('en-US');
  process.stdout.write(
    `${fmt(leadCount)} leads, ${fmt(eventCount)} event lines generated, model examples/models/b2b.yaml, ` +
      `${opts.analyze ? 'ANALYZE after loading' : 'no ANALYZE after loading'}\n`,
  );
  process.stdout.write(
    [
      '| store | leads | events | rescore s | rescore CPU s (this process) | bare read s (floor) | ratio rescore / read | scoring-columns read s | backtest s | ratio backtest / read |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.kind} | ${fmt(r.leads)} | ${fmt(r.events)} | ${r.rescore.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.floor.toFixed(1)} | ${(r.rescore / r.floor).toFixed(2)} | ${r.narrow.toFixed(1)} | ${r.backtest.toFixed(1)} | ${(r.backtest / r.floor).toFixed(2)} |`,
      ),
    ].join('\n') + '\n',
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
