// Benchmark of ingestion scaled out: two `leadscore serve` processes on one PostgreSQL database,
// loaded at once, against one of them alone, alternating in the same run with the same number of
// connections in all; prints events/s, the ratio two / one, and the lock waits seen meanwhile.
// `--from dist` runs bin/leadscore.js (run `npm run build` first); `src` (the default) the sources.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import { Command } from 'commander';
import { openBenchStore } from './bench-store.js';
import {
  countAnswers,
  eventsPer,
  load,
  settle,
  type Endpoint,
  type LoadSettings,
} from './ingest-load.js';
import { generateIngestLeads, prepareIngestWorkspace } from './ingest-workspace.js';
import { describeLockWaits, sampleLockWaits, type LockWaits } from './lock-waits.js';
import { loadAverage } from './storage-floor.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const opts = new Command('bench/ingest-servers.ts')
  .option('--duration <s>', 'seconds of load per measured run', '8')
  .option('--warmup <s>', 'seconds of load before each measured run', '2')
  .option('--connections <n>', 'concurrent connections in all (split over the servers)', '20')
  .option('--batch <n>', 'calls per /v1/batch request', '100')
  .option('--leads <n>', 'leads the events are spread over', '10000')
  .option('--identify <share>', 'share of the calls that are identify calls', '0')
  .option('--endpoints <list>', 'comma-separated: batch,track', 'batch,track')
  .option('--rounds <n>', 'measured runs of one and of two servers, alternating', '2')
  .option('--partitions <n>', 'LEADSCORE_INGEST_PARTITIONS of the servers (default: theirs)')
  .option('--from <where>', 'src (through tsx) or dist (bin/leadscore.js, built)', 'src')
  .parse()
  .opts<{
    duration: string;
    warmup: string;
    connections: string;
    batch: string;
    leads: string;
    identify: string;
    endpoints: string;
    rounds: string;
    partitions?: string;
    from: string;
  }>();
if (opts.from !== 'src' && opts.from !== 'dist')
  throw new Error(`--from: expected src or dist, got ${opts.from}`);
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const rounds = Number(opts.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds: expected a whole number from 1, got ${opts.rounds}`);
if (!(Number(opts.identify) >= 0 && Number(opts.identify) <= 1))
  throw new Error(`--identify: expected a share from 0 to 1, got ${opts.identify}`);
const endpoints = opts.endpoints.split(',') as Endpoint[];
for (const endpoint of endpoints)
  if (endpoint !== 'batch' && endpoint !== 'track')
    throw new Error(`--endpoints: expected batch and/or track, got ${endpoint}`);
const settings: LoadSettings = {
  connections: Number(opts.connections),
  batch: Number(opts.batch),
  leads: Number(opts.leads),
  identify: Number(opts.identify),
};

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** `leadscore serve` on a free port over the database; resolves once it listens. */
function serve(databaseUrl: string): Promise<Server> {
  const entry =
    opts.from === 'dist'
      ? [join(ROOT, 'bin/leadscore.js')]
      : ['--import', 'tsx', join(ROOT, 'bench/leadscore-src.ts')];
  const child = spawn(process.execPath, [...entry, 'serve', '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      LEADSCORE_WRITE_KEY_RATE_LIMIT: String(Number.MAX_SAFE_INTEGER),
      ...(opts.partitions ? { LEADSCORE_INGEST_PARTITIONS: opts.partitions } : {}),
    },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (url)
        resolve({
          child,
          url,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then(() => reject(new Error(`serve exited: ${log}`)));
  });
}

interface Measured {
  servers: number;
  endpoint: Endpoint;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  lockWaits: LockWaits;
}

const dir = await mkdtemp(join(tmpdir(), 'leadscore-bench-servers-'));
const { store, dispose, location } = await openBenchStore('postgres');
const servers: Server[] = [];
const answers = countAnswers();
try {
  const leadsPath = await generateIngestLeads(dir, settings.leads);
  // The servers find this workspace and make none of their own.
  const { ws, authorization } = await prepareIngestWorkspace(store, leadsPath);
  servers.push(await serve(location), await serve(location));
  const count = () => store.countEvents(ws);

  const measure = async (n: number, endpoint: Endpoint): Promise<Measured> => {
    const used = servers.slice(0, n);
    // The same connections in all, split over the servers loaded.
    const share = { ...settings, connections: Math.max(1, Math.round(settings.connections / n)) };
    if (warmup > 0)
      await Promise.all(
        used.map((s) => load(s.url, endpoint, warmup, authorization, share, false)),
      );
    const before = await settle(count);
    answers.reset();
    const sampler = await sampleLockWaits(location);
    const results: autocannon.Result[] = await Promise.all(
      used.map((s) => load(s.url, endpoint, duration, authorization, share, true)),
    );
    const lockWaits = await sampler.stop();
    const stored = (await settle(count)) - before;
    const { counts } = answers;
    process.stdout.write(
      `${n} server${n > 1 ? 's' : ''} /v1/${endpoint}: ${counts.stored.toLocaleString('en-US')} events acknowledged stored, ` +
        `${stored.toLocaleString('en-US')} in the store, ${counts.duplicates} duplicates, ${counts.failed} failed answers; ` +
        `${stored >= counts.stored ? 'no acknowledged event lost' : `LOST ${counts.stored - stored}`}; ` +
        `lock waits: ${describeLockWaits(lockWaits)}\n`,
    );
    const requestsPerSecond = results.reduce((sum, r) => sum + r['2xx'] / r.duration, 0);
    return {
      servers: n,
      endpoint,
      requestsPerSecond,
      eventsPerSecond: requestsPerSecond * eventsPer(endpoint, settings),
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      lockWaits,
    };
  };

  const all: Measured[] = [];
  for (const endpoint of endpoints)
    for (let round = 0; round < rounds; round++)
      for (const n of [1, 2]) all.push(await measure(n, endpoint));

  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  process.stdout.write(
    `\n${settings.connections} connections in all, ${duration} s per run after ${warmup} s warm-up, ` +
      `${settings.batch} calls per batch, ${settings.leads.toLocaleString('en-US')} leads, model ` +
      `examples/models/b2b.yaml, servers from ${opts.from}, ingestion partitions ` +
      `${opts.partitions ?? "the servers' default"}; load average (1/5/15 min) at the end ${loadAverage()}\n` +
      [
        '| servers | endpoint | requests/s | events/s | p50 ms (slowest server) | p99 ms (slowest server) | failed | lock waits seen |',
        '|---|---|---|---|---|---|---|---|',
        ...all.map(
          (m) =>
            `| ${m.servers} | /v1/${m.endpoint} | ${fmt(m.requestsPerSecond)} | ${fmt(m.eventsPerSecond)} | ${fmt(m.p50, 1)} | ${fmt(m.p99, 1)} | ${m.failures} | ${m.lockWaits.samplesWaiting} / ${m.lockWaits.samples} |`,
        ),
      ].join('\n') +
      '\n',
  );
  for (const endpoint of endpoints) {
    const mean = (n: number) => {
      const runs = all.filter((m) => m.servers === n && m.endpoint === endpoint);
      return runs.reduce((sum, m) => sum + m.eventsPerSecond, 0) / runs.length;
    };
    process.stdout.write(
      `ratio two servers / one server /v1/${endpoint} events/s (mean of ${rounds}): ${(mean(2) / mean(1)).toFixed(2)}\n`,
    );
  }
} finally {
  answers.close();
  for (const server of servers) await server.stop();
  await dispose();
  await rm(dir, { recursive: true, force: true });
}
