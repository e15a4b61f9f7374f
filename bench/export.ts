// Benchmark of the lead export (default 100k leads, 500k events) on SQLite and PostgreSQL: the
// CSV and NDJSON export through the export service, with and without every trait, against the
// floor of paging the same leads through the store's list alone (no extras, nothing written);
// then `leadscore export` (the built bin, `npm run build` first) in a process of its own, for
// its time and peak memory.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parseModel } from '../src/core/parse-model.js';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { EXPORT_PAGE_SIZE, exportLeads } from '../src/service/export/lead-export.js';
import { startActivation } from '../src/service/models/activation.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { ExportFormat } from '../src/service/export/export-format.js';
import type { TraitSelection } from '../src/service/export/trait-selection.js';
import type { JsonObject, Store } from '../src/store/port.js';
import { loadEvents, loadLeads, openBenchStore, type StoreKind } from './bench-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const opts = new Command('bench/export.ts')
  .option('--leads <n>', 'leads to generate', '100000')
  .option('--events <n>', 'events to generate', '500000')
  .option('--seed <n>', 'generator seed', '1')
  .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
  .option('--page-sizes <list>', "comma-separated leads per page (default: the export's own)")
  .parse()
  .opts<{ leads: string; events: string; seed: string; stores: string; pageSizes?: string }>();

const leadCount = Number(opts.leads);
const eventCount = Number(opts.events);
const stores = opts.stores.split(',') as StoreKind[];
const pageSizes = (opts.pageSizes ?? String(EXPORT_PAGE_SIZE)).split(',').map(Number);

const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** The floor: every lead paged through the store's list, `limit` at a time, only counted. */
async function bareList(
  store: Store,
  ws: string,
  limit: number,
): Promise<{ seconds: number; leads: number }> {
  const started = process.hrtime.bigint();
  let leads = 0;
  let after: string | undefined;
  do {
    const page = await store.listLeads(ws, {
      sort: 'score',
      direction: 'desc',
      limit,
      ...(after === undefined ? {} : { after }),
    });
    leads += page.items.length;
    after = page.next ?? undefined;
  } while (after !== undefined);
  return { seconds: seconds(started), leads };
}

/** `leadscore export` (the built bin) as its own process: its time and peak RSS (MB). */
function cliExport(
  kind: StoreKind,
  location: string,
  out: string,
  format: ExportFormat,
  heapMb?: number,
) {
  return new Promise<{ seconds: number; rss: number; code: number | null }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const where = kind === 'sqlite' ? ['--db', location] : [];
    const child = spawn(
      process.execPath,
      [
        ...(heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`]),
        '--import',
        join(ROOT, 'bench/rss-probe.mjs'),
        join(ROOT, 'bin/leadscore.js'),
        'export',
        ...where,
        '--format',
        format,
        '--out',
        out,
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
        env: {
          ...process.env,
          LEADSCORE_RSS_FD: '3',
          DATABASE_URL: kind === 'postgres' ? location : '',
        },
      },
    );
    let rss = '';
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ seconds: seconds(started), rss: Number(rss.trim()) / 1024, code }),
    );
  });
}

interface Run {
  label: string;
  seconds: number;
  rows: number;
  bytes: number;
}

async function timedExport(
  store: Store,
  ws: string,
  format: ExportFormat,
  traits: TraitSelection,
  label: string,
  pageSize: number,
): Promise<Run> {
  const started = process.hrtime.bigint();
  let bytes = 0;
  let lines = 0;
  const chunks = exportLeads(
    store,
    new ActiveModels(),
    ws,
    { filters: { sort: 'score', direction: 'desc' }, format, traits },
    Date.now(),
    pageSize,
  );
  for await (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
  }
  const rows = format === 'csv' ? lines - 1 : lines;
  return { label, seconds: seconds(started), rows, bytes };
}

async function benchStore(kind: StoreKind, leadsPath: string, eventsPath: string, dir: string) {
  const { store, dispose, analyze, location } = await openBenchStore(kind);
  try {
    const now = Date.now();
    const ws = (await store.createWorkspace('bench', now)).id;
    const started = process.hrtime.bigint();
    const leads = await loadLeads(store, ws, leadsPath, now);
    await loadEvents(store, ws, eventsPath, 2000);
    log(`${kind}: loaded ${leads} leads and the events in ${seconds(started).toFixed(1)} s`);
    const model = parseModel(
      await readFile(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'),
      'examples/models/b2b.yaml',
    );
    const version = await store.addModel(ws, model as unknown as JsonObject, Date.now());
    const { running } = await startActivation(store, new ActiveModels(), ws, version, Date.now);
    await running;
    await analyze();
    log(`${kind}: scored`);
    const results = [];
    for (const pageSize of pageSizes) {
      const floor = await bareList(store, ws, pageSize);
      log(
        `${kind}: bare list of ${floor.leads} leads, ${pageSize} a page, in ${floor.seconds.toFixed(1)} s`,
      );
      const runs: Run[] = [];
      const none: TraitSelection = { kind: 'paths', paths: [] };
      for (const [format, traits, label] of [
        ['csv', none, 'CSV'],
        ['ndjson', none, 'NDJSON'],
        ['csv', { kind: 'all' }, 'CSV, traits=*'],
      ] as const) {
        const run = await timedExport(store, ws, format, traits, label, pageSize);
        log(
          `${kind}: ${label}, ${pageSize} a page: ${run.rows} rows, ${run.bytes} bytes in ${run.seconds.toFixed(1)} s`,
        );
        runs.push(run);
      }
      results.push({ kind, pageSize, leads, floor, runs });
    }
    const cli = [];
    // The last run caps the JS heap far below the file's size: it completes only if the export
    // streams.
    for (const [format, heapMb] of [
      ['csv', undefined],
      ['ndjson', undefined],
      ['ndjson', 64],
    ] as const) {
      const run = await cliExport(kind, location, join(dir, `cli.${format}`), format, heapMb);
      log(
        `${kind}: leadscore export --format ${format}: exit ${run.code}, ${run.seconds.toFixed(1)} s, peak RSS ${run.rss.toFixed(0)} MB`,
      );
      cli.push({ format, heapMb, ...run });
    }
    return { results, cli };
  } finally {
    await dispose();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-export-'));
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
  const results = [];
  const cliRuns = [];
  for (const kind of stores) {
    const measured = await benchStore(kind, leadsPath, eventsPath, dir);
    results.push(...measured.results);
    cliRuns.push(...measured.cli.map((run) => ({ kind, ...run })));
  }
  const fmt = (n: number) => n.toLocaleString('en-US');
  process.stdout.write(
    `${fmt(leadCount)} leads, ${fmt(eventCount)} event lines, model examples/models/b2b.yaml\n`,
  );
  process.stdout.write(
    [
      '| store | leads a page | export | rows | MB | s | rows/s | ratio to bare list |',
      '|---|---|---|---|---|---|---|---|',
      ...results.flatMap((r) => [
        `| ${r.kind} | ${r.pageSize} | bare list (floor) | ${fmt(r.floor.leads)} | | ${r.floor.seconds.toFixed(1)} | ${fmt(Math.round(r.floor.leads / r.floor.seconds))} | 1.00 |`,
        ...r.runs.map(
          (run) =>
            `| ${r.kind} | ${r.pageSize} | ${run.label} | ${fmt(run.rows)} | ${(run.bytes / 2 ** 20).toFixed(1)} | ${run.seconds.toFixed(1)} | ${fmt(Math.round(run.rows / run.seconds))} | ${(run.seconds / r.floor.seconds).toFixed(2)} |`,
        ),
      ]),
    ].join('\n') + '\n',
  );
  process.stdout.write(
    [
      '',
      '| store | `leadscore export` (its own process, default page) | s | peak RSS MB | exit |',
      '|---|---|---|---|---|',
      ...cliRuns.map(
        (r) =>
          `| ${r.kind} | --format ${r.format}${r.heapMb ? `, JS heap capped at ${r.heapMb} MB` : ''} | ${r.seconds.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.code} |`,
      ),
    ].join('\n') + '\n',
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
