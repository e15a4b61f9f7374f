// The storage floor of ingestion: the writes the service must make for each accepted event, and
// nothing else, straight on the driver (no HTTP, parsing, scoring, routing, lifecycle or outbox),
// durable at each commit (SQLite WAL with synchronous=FULL unless asked for NORMAL; PostgreSQL
// synchronous_commit on). Two layouts, measured in the same run, each in a fresh database:
//
// - lean (bench/floor-lean.ts), the minimum of issue 19: integer workspace key (and an integer
//   lead key, or the external id); each event with only its messageId dedupe index and its
//   per-lead index; the score row (compact state) read and upserted once per distinct lead per
//   commit; a history row only for the share of events that make a visible change. On
//   PostgreSQL each transaction in flight takes its own hash partition of the leads.
// - current (bench/floor-current.ts), the baseline: today's migrated schema (integer workspace
//   key, text lead id in every key), per event a score read and write and a history row; on PostgreSQL every
//   transaction draws from all leads, as the service's runs do today.
//
// The events are bench/ingest.ts's track calls (bench/floor-events.ts), seeded.
//
//   npx tsx bench/storage-floor.ts [--stores sqlite,postgres] [--duration 3] [--commit 1000,100]
//     [--clients 1,4] [--lead-key integer,text] [--history 0.1] [--leads 10000]
//     [--sqlite-sync full|normal] [--seed 1]
//
// prints one row per layout, store, commit size and transactions in flight (PostgreSQL), with
// the ratio lean / current for the same store, commit size and transactions in flight.
// bench/ingest.ts runs the floor too (unless --no-floor) through `storageFloor`.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import type { StoreKind } from './bench-store.js';
import { currentFloor } from './floor-current.js';
import { leanFloor, type LeadKey } from './floor-lean.js';
import { STATE, type FloorResult } from './floor-shared.js';

export type { FloorResult, LeadKey };
export type Layout = 'current' | 'lean';

export interface FloorCase {
  layout: Layout;
  /** Lean layout only: the current layout keys leads by their external id. */
  leadKey: LeadKey;
  /** Events per transaction. */
  commit: number;
  /** PostgreSQL: transactions in flight at once (SQLite has one writer). */
  clients: number;
  /** Lean layout only: share of the events that store a history row (the current: every one). */
  historyShare: number;
}

export interface FloorSettings {
  /** Leads the events are spread over (each has a score row before the run). */
  leads: number;
  /** Timed seconds per run. */
  seconds: number;
  sqliteSync: 'full' | 'normal';
  seed: number;
}

export async function storageFloor(
  kind: StoreKind,
  c: FloorCase,
  s: FloorSettings,
): Promise<FloorResult> {
  const run = {
    leads: s.leads,
    commit: c.commit,
    seconds: s.seconds,
    clients: kind === 'sqlite' ? 1 : c.clients,
    sqliteSync: s.sqliteSync,
    historyShare: c.layout === 'current' ? 1 : c.historyShare,
    seed: s.seed,
  };
  return c.layout === 'current' ? currentFloor(kind, run) : leanFloor(kind, c.leadKey, run);
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One line naming a case, as the outputs print it. */
export function describeFloor(kind: StoreKind, c: FloorCase): string {
  const layout =
    c.layout === 'current'
      ? 'current layout (history row per event)'
      : `lean layout (${c.leadKey} lead key, history for ${fmt(100 * c.historyShare)}% of events)`;
  const inFlight = kind === 'postgres' ? `, ${c.clients} in flight` : '';
  return `${kind} ${layout}, commits of ${fmt(c.commit)}${inFlight}`;
}

export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

const list = (text: string) => text.split(',').filter((x) => x !== '');

type FloorFlag =
  | 'stores'
  | 'duration'
  | 'commit'
  | 'clients'
  | 'leadKey'
  | 'history'
  | 'leads'
  | 'sqliteSync'
  | 'seed';

async function main(): Promise<void> {
  const opts = new Command('bench/storage-floor.ts')
    .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
    .option('--duration <s>', 'timed seconds per run', '3')
    .option('--commit <list>', 'events per transaction, comma-separated', '1000,100')
    .option('--clients <list>', 'PostgreSQL transactions in flight, comma-separated', '1,4')
    .option('--lead-key <list>', 'lean layout lead keys: integer,text', 'integer,text')
    .option('--history <share>', 'lean layout: share of events that store a history row', '0.1')
    .option('--leads <n>', 'leads the events are spread over', '10000')
    .option('--sqlite-sync <mode>', 'full (durable at each commit) or normal', 'full')
    .option('--seed <n>', 'seed of the synthetic events', '1')
    .parse()
    .opts<Record<FloorFlag, string>>();
  const sync = opts.sqliteSync;
  if (sync !== 'full' && sync !== 'normal')
    throw new Error(`--sqlite-sync: expected full or normal, got ${sync}`);
  const historyShare = Number(opts.history);
  if (!(historyShare >= 0 && historyShare <= 1))
    throw new Error(`--history: expected a share from 0 to 1, got ${opts.history}`);
  const leadKeys = list(opts.leadKey);
  for (const k of leadKeys)
    if (k !== 'integer' && k !== 'text') throw new Error(`--lead-key: unknown ${k}`);
  const settings: FloorSettings = {
    leads: Number(opts.leads),
    seconds: Number(opts.duration),
    sqliteSync: sync,
    seed: Number(opts.seed),
  };
  process.stdout.write(
    `Storage floor: ${fmt(settings.leads)} leads, ${settings.seconds} s per run, SQLite sync ` +
      `${sync}, score state ${STATE.length} bytes, load average (1/5/15 min) ${loadAverage()}\n\n` +
      '| store | layout | lead key | commit | in flight | history rows | leads/commit | events/s | lean / current |\n' +
      '|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const kind of list(opts.stores) as StoreKind[]) {
    for (const commit of list(opts.commit).map(Number)) {
      for (const clients of kind === 'sqlite' ? [1] : list(opts.clients).map(Number)) {
        const cases: FloorCase[] = [
          { layout: 'current', leadKey: 'text', commit, clients, historyShare: 1 },
          ...leadKeys.map((leadKey) => ({
            layout: 'lean' as const,
            leadKey: leadKey as LeadKey,
            commit,
            clients,
            historyShare,
          })),
        ];
        let baseline = NaN;
        for (const c of cases) {
          const r = await storageFloor(kind, c, settings);
          if (c.layout === 'current') baseline = r.eventsPerSecond;
          const cells = [
            kind,
            c.layout,
            c.layout === 'current' ? 'text (integer workspace)' : c.leadKey,
            fmt(commit),
            kind === 'sqlite' ? '1' : String(clients),
            c.layout === 'current' ? 'every event' : `${fmt(100 * c.historyShare)}%`,
            fmt(r.leadsPerCommit),
            fmt(r.eventsPerSecond),
            c.layout === 'current' ? '1.00' : (r.eventsPerSecond / baseline).toFixed(2),
          ];
          process.stdout.write(`| ${cells.join(' | ')} |\n`);
        }
      }
    }
  }
  process.stdout.write(`\nload average at the end: ${loadAverage()}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
