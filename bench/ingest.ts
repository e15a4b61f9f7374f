// Benchmark of HTTP ingestion: events/s through /v1/batch and /v1/track on SQLite and PostgreSQL
// with autocannon on loopback, against a bare Fastify route (the ceiling), checking no losses; on
// PostgreSQL, the lock waits seen while loading. `--partitions 1,4` measures each setting of the
// ingestion partitions on the same database, alternating (`--rounds` times each).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { Command } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/app.js';
import { NOTIFICATION_TYPES } from '../src/store/port.js';
import { openBenchStore, type StoreKind } from './bench-store.js';
import {
  countAnswers,
  eventsPer as eventsPerRequest,
  load as loadWith,
  settle,
  type Endpoint,
  type LoadSettings,
} from './ingest-load.js';
import { generateIngestLeads, prepareIngestWorkspace } from './ingest-workspace.js';
import { describeLockWaits, sampleLockWaits, type LockWaits } from './lock-waits.js';
import {
  describeFloor,
  loadAverage,
  storageFloor,
  type FloorCase,
  type LeadKey,
} from './storage-floor.js';

const opts = new Command('bench/ingest.ts')
  .option('--duration <s>', 'seconds of load per measured run', '10')
  .option('--warmup <s>', 'seconds of load before each measured run', '2')
  .option('--connections <n>', 'concurrent connections', '20')
  .option('--batch <n>', 'calls per /v1/batch request', '100')
  .option('--leads <n>', 'leads the events are spread over', '10000')
  .option(
    '--identify <share>',
    'share of the calls that are identify calls (new traits for a known lead) instead of tracks',
    '0',
  )
  .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
  .option('--endpoints <list>', 'comma-separated: batch,track', 'batch,track')
  .option(
    '--sqlite-sync <mode>',
    'full (acknowledged once on disk, the default) or normal (once in the WAL), as LEADSCORE_SQLITE_SYNC',
    'full',
  )
  .option(
    '--floor-clients <n>',
    'PostgreSQL transactions in flight at once in the storage floor run',
    '4',
  )
  .option('--no-floor', 'skip the storage floor runs (the writes alone, straight on the driver)')
  .option('--floor-commit <n>', 'events per transaction in the lean storage floor', '1000')
  .option(
    '--floor-lead-key <key>',
    'lead key of the lean storage floor: integer or text',
    'integer',
  )
  .option(
    '--floor-history <share>',
    'share of events that store a history row in the lean storage floor (visible changes)',
    '0.1',
  )
  .option(
    '--partitions <list>',
    "comma-separated ingestion partitions to measure, alternating on one database (LEADSCORE_INGEST_PARTITIONS; default: the server's)",
  )
  .option('--rounds <n>', 'measured runs of each --partitions setting, alternating', '1')
  .option(
    '--webhook',
    'subscribe a webhook to every notification type, so transitions also fill the outbox',
  )
  .parse()
  .opts<{
    duration: string;
    warmup: string;
    connections: string;
    batch: string;
    leads: string;
    identify: string;
    stores: string;
    endpoints: string;
    sqliteSync: string;
    floorClients: string;
    floor: boolean;
    floorCommit: string;
    floorLeadKey: string;
    floorHistory: string;
    webhook?: boolean;
    partitions?: string;
    rounds: string;
  }>();
if (opts.sqliteSync !== 'full' && opts.sqliteSync !== 'normal')
  throw new Error(`--sqlite-sync: expected full or normal, got ${opts.sqliteSync}`);
const sqliteSync: 'full' | 'normal' = opts.sqliteSync;

const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const connections = Number(opts.connections);
const perBatch = Number(opts.batch);
const leadCount = Number(opts.leads);
const identifyShare = Number(opts.identify);
if (!(identifyShare >= 0 && identifyShare <= 1))
  throw new Error(`--identify: expected a share from 0 to 1, got ${opts.identify}`);
const stores = opts.stores.split(',') as StoreKind[];
if (opts.floorLeadKey !== 'integer' && opts.floorLeadKey !== 'text')
  throw new Error(`--floor-lead-key: expected integer or text, got ${opts.floorLeadKey}`);
const floorLeadKey: LeadKey = opts.floorLeadKey;
const floorHistory = Number(opts.floorHistory);
if (!(floorHistory >= 0 && floorHistory <= 1))
  throw new Error(`--floor-history: expected a share from 0 to 1, got ${opts.floorHistory}`);

/** The ingestion partition settings measured; undefined: the server's default. */
const partitionSettings: (number | undefined)[] = opts.partitions
  ? opts.partitions.split(',').map((p) => {
      const n = Number(p);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`--partitions: expected whole numbers from 1, got ${p}`);
      return n;
    })
  : [undefined];
const rounds = Number(opts.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds: expected a whole number from 1, got ${opts.rounds}`);

const endpoints = opts.endpoints.split(',') as Endpoint[];
const eventsPer = (endpoint: Endpoint) => eventsPerRequest(endpoint, loadSettings);

interface Measured {
  target: string;
  store: StoreKind | 'bare route';
  endpoint: Endpoint;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** PostgreSQL: the lock waits seen while loading. */
  lockWaits?: LockWaits;
}

/** Stored-event counts reported by the autocannon worker's onResponse hook. */
const answers = countAnswers();
const acknowledged = answers.counts;

const load = (
  url: string,
  endpoint: Endpoint,
  seconds: number,
  authorization: string,
  countingAnswers: boolean,
) => loadWith(url, endpoint, seconds, authorization, loadSettings, countingAnswers);

const loadSettings: LoadSettings = {
  connections,
  batch: perBatch,
  leads: leadCount,
  identify: identifyShare,
};

function measured(
  target: string,
  store: Measured['store'],
  endpoint: Endpoint,
  result: autocannon.Result,
): Measured {
  const requestsPerSecond = result['2xx'] / result.duration;
  return {
    target,
    store,
    endpoint,
    requestsPerSecond,
    eventsPerSecond: requestsPerSecond * eventsPer(endpoint),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function benchStore(kind: StoreKind, leadsPath: string): Promise<Measured[]> {
  const { store, dispose, location } = await openBenchStore(kind, { sqliteSync });
  const apps: FastifyInstance[] = [];
  try {
    const { ws, models, authorization } = await prepareIngestWorkspace(store, leadsPath);
    if (opts.webhook) {
      // Nothing delivers during the run (no worker): this measures writing the outbox.
      await store.createWebhook(
        ws,
        {
          url: 'http://127.0.0.1:9/hook',
          eventTypes: [...NOTIFICATION_TYPES],
          secret: 'whsec_YmVuY2g=',
        },
        Date.now(),
      );
    }

    // One server per partition setting, over the one database; all but the loaded one idle.
    const servers: { target: string; url: string }[] = [];
    for (const partitions of partitionSettings) {
      // Unlimited: the benchmark measures throughput, not the per-key rate limit.
      const app = await buildApp({
        store,
        models,
        clock: () => Date.now(),
        writeKeyRateLimit: Number.MAX_SAFE_INTEGER,
        ingest: { partitions },
      });
      apps.push(app);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      servers.push({ target: partitions ? `${kind}, ${partitions} partitions` : kind, url });
    }

    const results: Measured[] = [];
    for (const endpoint of endpoints)
      for (let round = 0; round < rounds; round++)
        for (const { target, url } of servers) results.push(await measure(target, url, endpoint));
    return results;

    async function measure(target: string, url: string, endpoint: Endpoint): Promise<Measured> {
      if (warmup > 0) await load(url, endpoint, warmup, authorization, false);
      const count = () => store.countEvents(ws);
      const before = await settle(count);
      answers.reset();
      const sampler = kind === 'postgres' ? await sampleLockWaits(location) : undefined;
      const result = await load(url, endpoint, duration, authorization, true);
      const lockWaits = await sampler?.stop();
      const after = await settle(count);
      const stored = after - before;
      const sent = result.requests.sent * eventsPer(endpoint);
      process.stdout.write(
        `${target} /v1/${endpoint}: ${acknowledged.stored.toLocaleString('en-US')} events acknowledged stored, ` +
          `${stored.toLocaleString('en-US')} in the store (${(stored - acknowledged.stored).toLocaleString('en-US')} ` +
          `more: answers cut off at the end), ${acknowledged.duplicates} duplicates, ` +
          `${acknowledged.failed} failed answers, ${sent.toLocaleString('en-US')} events sent; ` +
          `${stored >= acknowledged.stored ? 'no acknowledged event lost' : `LOST ${acknowledged.stored - stored}`}` +
          `${lockWaits ? `; lock waits: ${describeLockWaits(lockWaits)}` : ''}\n`,
      );
      return { ...measured(target, kind, endpoint, result), lockWaits };
    }
  } finally {
    for (const app of apps) await app.close();
    await dispose();
  }
}

async function benchBare(): Promise<Measured[]> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  for (const endpoint of endpoints) app.post(`/v1/${endpoint}`, async () => ({}));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const results: Measured[] = [];
    for (const endpoint of endpoints) {
      if (warmup > 0) await load(url, endpoint, warmup, 'Basic eDo=', false);
      results.push(
        measured(
          'bare route',
          'bare route',
          endpoint,
          await load(url, endpoint, duration, 'Basic eDo=', false),
        ),
      );
    }
    return results;
  } finally {
    await app.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-ingest-'));
try {
  const leadsPath = await generateIngestLeads(dir, leadCount);
  const all: Measured[] = [...(await benchBare())];
  for (const kind of stores) all.push(...(await benchStore(kind, leadsPath)));
  // Each store's lean floor (the target's yardstick) and, as its baseline in the same run, the
  // floor of today's layout in transactions of one batch request.
  const floors: {
    kind: StoreKind;
    lean: FloorCase;
    leanRate: number;
    current: FloorCase;
    currentRate: number;
  }[] = [];
  if (opts.floor) {
    const settings = { leads: leadCount, seconds: duration, sqliteSync, seed: 1 };
    const clients = Number(opts.floorClients);
    for (const kind of stores) {
      const current: FloorCase = {
        layout: 'current',
        leadKey: 'text',
        commit: perBatch,
        clients,
        historyShare: 1,
      };
      const lean: FloorCase = {
        layout: 'lean',
        leadKey: floorLeadKey,
        commit: Number(opts.floorCommit),
        clients,
        historyShare: floorHistory,
      };
      const currentRate = (await storageFloor(kind, current, settings)).eventsPerSecond;
      const leanRate = (await storageFloor(kind, lean, settings)).eventsPerSecond;
      floors.push({ kind, lean, leanRate, current, currentRate });
    }
  }
  const bare = new Map(all.filter((m) => m.target === 'bare route').map((m) => [m.endpoint, m]));
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const lines = [
    '| store | endpoint | requests/s | events/s | p50 ms | p99 ms | failed | requests/s % of bare | lock waits seen |',
    '|---|---|---|---|---|---|---|---|---|',
    ...all.map((m) => {
      const ceiling = bare.get(m.endpoint)?.requestsPerSecond ?? NaN;
      // Samples (every 20 ms) in which a session waited on a lock, of all samples taken.
      const waits = m.lockWaits ? `${m.lockWaits.samplesWaiting} / ${m.lockWaits.samples}` : '–';
      return `| ${m.target} | /v1/${m.endpoint} | ${fmt(m.requestsPerSecond)} | ${fmt(m.eventsPerSecond)} | ${fmt(m.p50, 1)} | ${fmt(m.p99, 1)} | ${m.failures} | ${fmt((100 * m.requestsPerSecond) / ceiling, 1)}% | ${waits} |`;
    }),
  ];
  process.stdout.write(
    `\n${connections} connections, ${duration} s per run after ${warmup} s warm-up, ${perBatch} calls per batch${identifyShare > 0 ? ` (${Math.round(identifyShare * 100)}% identify, the rest track)` : ' (track)'}, ${leadCount.toLocaleString('en-US')} leads, model examples/models/b2b.yaml, SQLite sync ${sqliteSync}${opts.webhook ? ', a webhook subscribed to every notification type' : ''}; load average (1/5/15 min) at the end ${loadAverage()}\n`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  if (floors.length > 0) {
    process.stdout.write(
      `\nStorage floor (bench/storage-floor.ts): the writes alone, durable at each commit, straight ` +
        `on the driver, no HTTP, parsing or scoring; load average (1/5/15 min) ${loadAverage()}\n`,
    );
    for (const { kind, lean, leanRate, current, currentRate } of floors) {
      const batch = all.find((m) => m.store === kind && m.endpoint === 'batch');
      // Issue 19's target: /v1/batch at least half of the lean floor.
      const ofBatch = (floor: number, target = '') =>
        batch
          ? `; ratio ${kind} /v1/batch / floor: ${(batch.eventsPerSecond / floor).toFixed(2)}${target}`
          : '';
      process.stdout.write(
        `${describeFloor(kind, lean)}: ${fmt(leanRate)} events/s${ofBatch(leanRate, ' (target 0.50)')}\n` +
          `${describeFloor(kind, current)}: ${fmt(currentRate)} events/s${ofBatch(currentRate)}\n` +
          `ratio ${kind} lean floor / current floor: ${(leanRate / currentRate).toFixed(2)}\n`,
      );
    }
  }
  if (partitionSettings.length > 1) {
    // Each setting's mean over its rounds, against the first setting's (the baseline).
    const mean = (runs: Measured[]) =>
      runs.reduce((sum, m) => sum + m.eventsPerSecond, 0) / runs.length;
    for (const kind of stores)
      for (const endpoint of endpoints) {
        const runsOf = (target: string) =>
          all.filter((m) => m.target === target && m.endpoint === endpoint);
        const targets = [
          ...new Set(
            all.filter((m) => m.store === kind && m.endpoint === endpoint).map((m) => m.target),
          ),
        ];
        const base = mean(runsOf(targets[0]!));
        for (const target of targets.slice(1)) {
          const runs = runsOf(target);
          process.stdout.write(
            `ratio ${target} / ${targets[0]} /v1/${endpoint} events/s (mean of ${runs.length}): ${(mean(runs) / base).toFixed(2)}\n`,
          );
        }
      }
  }
  for (const m of all.filter((x) => x.target !== 'bare route' && x.endpoint === 'track')) {
    const ceiling = bare.get('track')?.requestsPerSecond ?? NaN;
    process.stdout.write(
      `ratio ${m.target} /v1/track / bare route: ${(m.requestsPerSecond / ceiling).toFixed(2)}\n`,
    );
  }
} finally {
  answers.close();
  await rm(dir, { recursive: true, force: true });
}
