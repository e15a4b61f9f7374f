// Benchmark of an import over the HTTP API: the synthetic leads and events uploaded to a running
// `leadscore serve` (SQLite, then PostgreSQL) as one multipart form; prints the upload's time
// and rate, the import job's time after it, events/s and the server's peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, openAsBlob, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { loadModel } from '../src/service/load-model.js';
import { openBenchStore, type StoreKind } from './bench-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'examples/models/b2b.yaml');
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789';

const opts = new Command('bench/import-api.ts')
  .option('--leads <n>', 'leads to generate', '100000')
  .option('--events <n>', 'events to generate', '1000000')
  .option('--seed <n>', 'generator seed', '1')
  .option('--stores <list>', 'stores the server runs on', 'sqlite,postgres')
  .option('--dir <dir>', 'where the generated files are kept (reused when present)')
  .parse()
  .opts<{ leads: string; events: string; seed: string; stores: string; dir?: string }>();

const leads = Number(opts.leads);
const events = Number(opts.events);
const dir = opts.dir ?? join(tmpdir(), `leadscore-bench-api-${leads}-${events}-${opts.seed}`);
const leadsPath = join(dir, 'leads.csv');
const eventsPath = join(dir, 'events.ndjson');

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
const bytes = statSync(leadsPath).size + statSync(eventsPath).size;

interface Server {
  url: string;
  /** SIGTERM; resolves with its peak RSS in MB once it has exited. */
  stop(): Promise<number>;
}

/** `leadscore serve` on a free port, its peak RSS reported on exit by bench/rss-probe.mjs. */
function serve(args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      join(ROOT, 'bench/rss-probe.mjs'),
      join(ROOT, 'bin/leadscore.js'),
      'serve',
      '--port',
      '0',
      ...args,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, LOG_LEVEL: 'warn', LEADSCORE_RSS_FD: '3' },
    },
  );
  let rss = '';
  child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (url)
        resolve({
          url,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
            return Number(rss.trim()) / 1024;
          },
        });
    });
    void exited.then(() => reject(new Error(`serve exited: ${log}`)));
  });
}

interface Run {
  uploadSeconds: number;
  importSeconds: number;
  rssMb: number;
}

async function run(kind: StoreKind): Promise<Run> {
  const bench = await openBenchStore(kind);
  try {
    const now = Date.now();
    const made = await createWorkspaceWithKeys(bench.store, 'bench', now, { admin: ADMIN_KEY });
    const ws = made.workspace.id;
    const model = (await loadModel(MODEL)) as unknown as Record<string, unknown>;
    await bench.store.activateModel(ws, await bench.store.addModel(ws, model, now), now);
    const server = await serve(
      kind === 'sqlite' ? ['--db', bench.location] : [],
      kind === 'sqlite' ? { DATABASE_URL: '' } : { DATABASE_URL: bench.location },
    );
    const headers = { authorization: `Bearer ${ADMIN_KEY}` };
    try {
      const form = new FormData();
      form.set('leads', await openAsBlob(leadsPath), 'leads.csv');
      form.set('events', await openAsBlob(eventsPath), 'events.ndjson');
      form.set('quiet', 'true');
      const started = process.hrtime.bigint();
      const res = await fetch(`${server.url}/v1/imports`, { method: 'POST', headers, body: form });
      const uploaded = process.hrtime.bigint();
      if (res.status !== 202)
        throw new Error(`POST /v1/imports: ${res.status} ${await res.text()}`);
      const { jobId } = (await res.json()) as { jobId: string };
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const job = (await (await fetch(`${server.url}/v1/jobs/${jobId}`, { headers })).json()) as {
          status: string;
          error: string | null;
        };
        if (job.status === 'failed') throw new Error(`the import failed: ${job.error}`);
        if (job.status === 'succeeded') break;
      }
      const done = process.hrtime.bigint();
      return {
        uploadSeconds: Number(uploaded - started) / 1e9,
        importSeconds: Number(done - uploaded) / 1e9,
        rssMb: await server.stop(),
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  } finally {
    await bench.dispose();
  }
}

const rows: string[] = [];
for (const kind of opts.stores.split(',').map((s) => s.trim()) as StoreKind[]) {
  const r = await run(kind);
  process.stderr.write(
    `${kind}: upload ${r.uploadSeconds.toFixed(1)} s, import ${r.importSeconds.toFixed(1)} s\n`,
  );
  const total = r.uploadSeconds + r.importSeconds;
  rows.push(
    `| ${kind} | ${r.uploadSeconds.toFixed(1)} | ${(bytes / 1048576 / r.uploadSeconds).toFixed(0)} | ${r.importSeconds.toFixed(1)} | ${Math.round(events / total).toLocaleString('en-US')} | ${r.rssMb.toFixed(0)} |`,
  );
}
process.stdout.write(
  `${leads.toLocaleString('en-US')} leads, ${events.toLocaleString('en-US')} events (${(bytes / 1048576).toFixed(0)} MB), one multipart POST /v1/imports, model examples/models/b2b.yaml\n`,
);
process.stdout.write(
  [
    '| server on | upload s | upload MB/s | import job s | events/s (upload + job) | server peak RSS MB |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n') + '\n',
);
