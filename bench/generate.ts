// CLI: writes a seeded synthetic data set (leads.csv plus events.ndjson or events.csv) to a folder.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { generateDataset } from '../src/service/demo/synthetic.js';

interface Args {
  leads: number;
  events: number;
  seed: number;
  out: string;
  format: 'ndjson' | 'csv';
  start: Date;
  days: number;
}

function count(text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError('expected a non-negative integer');
  }
  return n;
}

function instant(text: string): Date {
  const date = new Date(text);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO-8601 time with Z or an offset');
  }
  return date;
}

function positive(text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

const args = new Command('generate')
  .description('Write seeded synthetic leads and Segment track events for benchmarks and demos.')
  .option('--leads <n>', 'number of leads', count, 1_000_000)
  .option('--events <n>', 'number of event lines, ~1% of them retries', count, 10_000_000)
  .option('--seed <n>', 'random seed: the same seed writes the same bytes', count, 1)
  .requiredOption('--out <dir>', 'output folder (created if missing)')
  .addOption(
    new Option('--format <format>', 'events file format')
      .choices(['ndjson', 'csv'])
      .default('ndjson'),
  )
  .option(
    '--start <iso>',
    'events fall before this time',
    instant,
    new Date('2026-06-01T00:00:00Z'),
  )
  .option('--days <n>', 'events spread over this many days', positive, 90)
  .parse()
  .opts<Args>();

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const leadsPath = join(args.out, 'leads.csv');
const eventsPath = join(args.out, `events.${args.format}`);
await mkdir(args.out, { recursive: true });

const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'generate [{bar}] {percentage}% | {value}/{total} rows | ETA {eta}s',
      },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
bar?.start(args.leads + args.events, 0);
const began = performance.now();
const sizes = await generateDataset({
  leads: args.leads,
  events: args.events,
  seed: args.seed,
  start: args.start,
  days: args.days,
  leadsPath,
  eventsPath,
  eventsFormat: args.format,
  onProgress: (done) => bar?.update(done),
});
bar?.stop();
const seconds = (performance.now() - began) / 1000;

console.log(`${leadsPath}: ${args.leads.toLocaleString('en-US')} leads, ${mb(sizes.leadsBytes)}`);
console.log(
  `${eventsPath}: ${args.events.toLocaleString('en-US')} events, ${mb(sizes.eventsBytes)}`,
);
console.log(
  `seed ${args.seed}, written in ${seconds.toFixed(1)} s (${Math.round((args.leads + args.events) / seconds).toLocaleString('en-US')} rows/s)`,
);
