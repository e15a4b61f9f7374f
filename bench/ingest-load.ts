// Loads a server's ingestion routes with autocannon (one worker thread, the request bodies made
// by bench/ingest-request.cjs) and counts the events its answers say were stored
// (bench/ingest-response.cjs), for the ingestion benchmarks.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type Endpoint = 'batch' | 'track';

export interface LoadSettings {
  connections: number;
  /** Calls per /v1/batch request. */
  batch: number;
  /** Leads the calls are spread over. */
  leads: number;
  /** Share of the calls that are identify calls instead of tracks. */
  identify: number;
}

export const eventsPer = (endpoint: Endpoint, settings: LoadSettings) =>
  endpoint === 'batch' ? settings.batch : 1;

export interface Answers {
  stored: number;
  duplicates: number;
  failed: number;
}

/** The answers counted since the last reset, as the autocannon workers report them. */
export function countAnswers(): { counts: Answers; reset(): void; close(): void } {
  const counts: Answers = { stored: 0, duplicates: 0, failed: 0 };
  const channel = new BroadcastChannel('leadscore-bench-ingest');
  channel.onmessage = (message) => {
    const data = (message as MessageEvent<Answers>).data;
    counts.stored += data.stored;
    counts.duplicates += data.duplicates;
    counts.failed += data.failed;
  };
  return {
    counts,
    reset: () => Object.assign(counts, { stored: 0, duplicates: 0, failed: 0 }),
    close: () => channel.close(),
  };
}

let runs = 0;

export async function load(
  url: string,
  endpoint: Endpoint,
  seconds: number,
  authorization: string,
  settings: LoadSettings,
  countingAnswers: boolean,
): Promise<autocannon.Result> {
  // The worker hook reads its settings from the environment (a worker gets a copy at start).
  process.env.LEADSCORE_BENCH_EVENTS_PER_REQUEST = String(eventsPer(endpoint, settings));
  process.env.LEADSCORE_BENCH_LEADS = String(settings.leads);
  process.env.LEADSCORE_BENCH_IDENTIFY = String(settings.identify);
  process.env.LEADSCORE_BENCH_RUN = `r${++runs}`;
  // One worker thread fires the requests, so the server keeps the main thread to itself.
  const options = {
    url,
    workers: 1,
    connections: settings.connections,
    duration: seconds,
    headers: { authorization, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST' as const,
        path: `/v1/${endpoint}`,
        setupRequest: join(ROOT, 'bench/ingest-request.cjs'),
        ...(countingAnswers ? { onResponse: join(ROOT, 'bench/ingest-response.cjs') } : {}),
      },
    ],
  };
  // With workers the hooks are file paths, which the type definitions do not know.
  return autocannon(options as unknown as autocannon.Options);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the requests still in flight are done: the event count holds for a second (30 s at most). */
export async function settle(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let waited = 0; waited < 30_000; waited += 1000) {
    await sleep(1000);
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  return last;
}
