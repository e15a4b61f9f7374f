// Benchmark of `leadscore import`: the synthetic leads and events `npm run bench` generates,
// scored by `leadscore score` and imported into SQLite and into PostgreSQL in the same run;
// prints seconds, events/s, the ratio to the score time and each run's peak RSS.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { loadModel } from '../src/service/load-model.js';
import { openBenchStore, type StoreKind } from './bench-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'examples/models/b2b.yaml');

const opts = new Command('bench/import.ts')
  .option('--leads <n>', 'leads to generate', '1000000')
  .option('--events <n>', 'events to generate', '10000000')
  .option('--seed <n>', 'generator seed', '1')
  .option('--stores <list>', 'stores to import into', 'sqlite,postgres')
  .option('--dir <dir>', 'where the generated files are kept (reused when present)')
  .parse()
  .opts<{ leads: string; events: string; seed: string; stores: string; dir?: string }>();

const leads = Number(opts.leads);
const events = Number(opts.events);
const stores = opts.stores.split(',').map((s) => s.trim()) as StoreKind[];
// The same folder bench/score.ts uses for these sizes, so either reuses the other's files.
const generatorHash = createHash('sha256')
  .update(
    ['synthetic.ts', 'synthetic-random.ts', 'synthetic-vocabulary.ts']
      .map((f) => readFileSync(join(ROOT, 'src/service/demo', f)))
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 8);
const dir =
  opts.dir ??
  join(tmpdir(), `leadscore-bench-${leads}-${events}-${opts.seed}-ndjson-${generatorHash}`);
const leadsPath = join(dir, 'leads.csv');
const eventsPath = join(dir, 'events.ndjson');

interface Run {
  seconds: number;
  rssMb: number;
}

function timed(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'bench/rss-probe.mjs'), join(ROOT, 'bin/leadscore.js'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
        env: { ...process.env, ...env, LEADSCORE_RSS_FD: '3' },
      },
    );
    let rss = '';
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`leadscore ${args[0]} exited with ${code}`));
      else resolve({ seconds, rssMb: Number(rss.trim()) / 1024 });
    });
  });
}

if (!existsSync(leadsPath) || !existsSync(eventsPath)) {
  await mkdir(dir, { recursive: true });
  process.stderr.write(`generating ${leads} leads and ${events} events in ${dir}\n`);
  await generateDataset({
    leads,
    events,
    seed: Number(opts.seed),
    start: new Date('2026-06-01T00:00:00Z'),
    days: 180,
    leadsPath,
    eventsPath,
    eventsFormat: 'ndjson',
  });
}

const score = await timed([
  'score',
  '--model',
  MODEL,
  '--leads',
  leadsPath,
  '--events',
  eventsPath,
  '--as-of',
  '2026-06-01T00:00:00Z',
  '--out',
  join(dir, 'scores.csv'),
]);
process.stderr.write(`score: ${score.seconds.toFixed(1)} s\n`);

const model = (await loadModel(MODEL)) as unknown as Record<string, unknown>;
const imports: [StoreKind, Run][] = [];
for (const kind of stores) {
  // As the server opens it; the workspace has the model active, as a new deployment would.
  const bench = await openBenchStore(kind);
  try {
    const ws = (await bench.store.createWorkspace('bench', Date.now())).id;
    await bench.store.activateModel(
      ws,
      await bench.store.addModel(ws, model, Date.now()),
      Date.now(),
    );
    const where =
      kind === 'sqlite'
        ? { args: ['--db', bench.location], env: { DATABASE_URL: '' } }
        : { args: [], env: { DATABASE_URL: bench.location } };
    const run = await timed(
      ['import', ...where.args, '--leads', leadsPath, '--events', eventsPath, '--quiet'],
      where.env,
    );
    process.stderr.write(`import into ${kind}: ${run.seconds.toFixed(1)} s\n`);
    imports.push([kind, run]);
  } finally {
    await bench.dispose();
  }
}

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
const table = [
  '| run | seconds | events/s | × score time | peak RSS MB |',
  '|---|---|---|---|---|',
  `| leadscore score | ${score.seconds.toFixed(1)} | ${rate(events, score.seconds)} | 1.00 | ${score.rssMb.toFixed(0)} |`,
  ...imports.map(
    ([kind, run]) =>
      `| leadscore import (${kind}) | ${run.seconds.toFixed(1)} | ${rate(events, run.seconds)} | ${(run.seconds / score.seconds).toFixed(2)} | ${run.rssMb.toFixed(0)} |`,
  ),
];
process.stdout.write(
  `${leads.toLocaleString('en-US')} leads, ${events.toLocaleString('en-US')} events (ndjson), model examples/models/b2b.yaml\n`,
);
process.stdout.write(`${table.join('\n')}\n`);
