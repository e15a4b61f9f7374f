// Benchmark of `leadscore score`: generates seeded synthetic data (default 1M leads, 10M events),
// times the score run and, in the same run, a bare parse of the same files (the floor).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { generateDataset } from '../src/service/demo/synthetic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const opts = new Command('bench/score.ts')
  .option('--leads <n>', 'leads to generate', '1000000')
  .option('--events <n>', 'events to generate', '10000000')
  .option('--seed <n>', 'generator seed', '1')
  .option('--format <f>', 'events file format: ndjson or csv', 'ndjson')
  .option('--repeat <n>', 'runs of each; the fastest is reported', '2')
  .option('--dir <dir>', 'where the generated files are kept (reused when present)')
  .parse()
  .opts<{
    leads: string;
    events: string;
    seed: string;
    format: 'ndjson' | 'csv';
    repeat: string;
    dir?: string;
  }>();

const leads = Number(opts.leads);
const events = Number(opts.events);
// Cached data sets are keyed by the generator's source too, so a changed generator regenerates.
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
  join(tmpdir(), `leadscore-bench-${leads}-${events}-${opts.seed}-${opts.format}-${generatorHash}`);
const leadsPath = join(dir, 'leads.csv');
const eventsPath = join(dir, `events.${opts.format}`);

interface Run {
  seconds: number;
  rssMb: number;
  code: number | null;
}

function timed(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'bench/rss-probe.mjs'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
        env: { ...process.env, LEADSCORE_RSS_FD: '3' },
      },
    );
    let rss = '';
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, rssMb: Number(rss.trim()) / 1024, code });
    });
  });
}

if (!existsSync(leadsPath) || !existsSync(eventsPath)) {
  await mkdir(dir, { recursive: true });
  process.stderr.write(`generating ${leads} leads and ${events} events in ${dir}\n`);
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(leads + events, 0);
  await generateDataset({
    leads,
    events,
    seed: Number(opts.seed),
    start: new Date('2026-06-01T00:00:00Z'),
    days: 180,
    leadsPath,
    eventsPath,
    eventsFormat: opts.format,
    onProgress: (done) => bar?.update(done),
  });
  bar?.stop();
}

const floorArgs = ['--import', 'tsx', join(ROOT, 'bench/parse-floor.ts'), leadsPath, eventsPath];
const scoreArgs = [
  join(ROOT, 'bin/leadscore.js'),
  'score',
  '--model',
  join(ROOT, 'examples/models/b2b.yaml'),
  '--leads',
  leadsPath,
  '--events',
  eventsPath,
  '--as-of',
  '2026-06-01T00:00:00Z',
  '--out',
  join(dir, 'scores.csv'),
  '--rejects',
  join(dir, 'rejects.csv'),
];

/** The faster of `repeat` runs, floor and score taking turns so that both see the same noise. */
const best = (a: Run | undefined, b: Run) => (a === undefined || b.seconds < a.seconds ? b : a);
let floor: Run | undefined;
let score: Run | undefined;
for (let i = 0; i < Number(opts.repeat); i++) {
  const f = await timed(floorArgs);
  const s = await timed(scoreArgs);
  if (s.code !== 0 || f.code !== 0) {
    throw new Error(`a benchmarked run failed (score exit ${s.code}, floor exit ${f.code})`);
  }
  process.stderr.write(
    `run ${i + 1}: floor ${f.seconds.toFixed(1)} s, score ${s.seconds.toFixed(1)} s\n`,
  );
  floor = best(floor, f);
  score = best(score, s);
}
if (!floor || !score) throw new Error('--repeat must be at least 1');

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
const table = [
  '| run | seconds | leads/s | events/s | peak RSS MB |',
  '|---|---|---|---|---|',
  `| parse only (floor) | ${floor.seconds.toFixed(1)} | ${rate(leads, floor.seconds)} | ${rate(events, floor.seconds)} | ${floor.rssMb.toFixed(0)} |`,
  `| leadscore score | ${score.seconds.toFixed(1)} | ${rate(leads, score.seconds)} | ${rate(events, score.seconds)} | ${score.rssMb.toFixed(0)} |`,
];
process.stdout.write(
  `${leads.toLocaleString('en-US')} leads, ${events.toLocaleString('en-US')} events (${opts.format}), model examples/models/b2b.yaml\n`,
);
process.stdout.write(`${table.join('\n')}\n`);
process.stdout.write(`ratio score / parse: ${(score.seconds / floor.seconds).toFixed(2)}\n`);
