// Benchmark of webhook delivery: the worker sends an outbox of notifications to a local receiver
// (signed, in order per lead, every attempt recorded), on SQLite and PostgreSQL; the ceiling is
// the same signed requests sent straight from memory at the same concurrency, with no store.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { payloadOf, signatureHeaders } from '../src/service/webhooks/payload.js';
import { generateSecret } from '../src/service/webhooks/secret.js';
import { sendWebhook } from '../src/service/webhooks/send.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { NewNotification } from '../src/store/port.js';
import { openBenchStore, type StoreKind } from './bench-store.js';

const opts = new Command('bench/webhooks.ts')
  .option('--messages <n>', 'notifications in the outbox', '5000')
  .option('--leads <n>', 'leads they are about (each lead is one ordered lane)', '1000')
  .option('--concurrency <n>', 'attempts in flight', '8')
  .option('--stores <list>', 'comma-separated: sqlite,postgres', 'sqlite,postgres')
  .parse()
  .opts<{ messages: string; leads: string; concurrency: string; stores: string }>();

const messageCount = Number(opts.messages);
const leadCount = Number(opts.leads);
const concurrency = Number(opts.concurrency);
const secret = generateSecret();
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A receiver that answers 204 and counts what it got. */
async function receiver(): Promise<{ server: Server; url: string; received: () => number }> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, received: () => received };
}

const notifications = (): NewNotification[] =>
  Array.from({ length: messageCount }, (_, i) => ({
    type: 'lead.segment_changed',
    leadId: `L${i % leadCount}`,
    data: { from: 'nurture', to: 'mql', score: i },
    at: Date.now(),
  }));

async function ceiling(url: string): Promise<number> {
  const started = performance.now();
  let next = 0;
  const bodies = notifications();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const n = bodies[next++]!;
        const body = payloadOf({ ...n, data: n.data });
        const report = await sendWebhook(
          { url, headers: signatureHeaders(secret, `msg_${next}`, body, Date.now()), body },
          10_000,
          // The receiver is on loopback, which the SSRF guard refuses by default.
          { blockPrivateNetworks: false },
        );
        if (report.error) throw new Error(report.error);
      }
    }),
  );
  return (messageCount / (performance.now() - started)) * 1000;
}

async function benchStore(kind: StoreKind, url: string, received: () => number): Promise<number> {
  const { store, dispose } = await openBenchStore(kind);
  try {
    const ws = (await store.createWorkspace('bench', Date.now())).id;
    await store.createWebhook(
      ws,
      { url, eventTypes: ['lead.segment_changed'], secret },
      Date.now(),
    );
    const all = notifications();
    for (let i = 0; i < all.length; i += 1000)
      await store.transaction((tx) => tx.enqueueNotifications(ws, all.slice(i, i + 1000)));
    const before = received();
    const worker = new WebhookWorker(
      { store, clock: () => Date.now(), random: Math.random },
      { pollMs: 20, concurrency, blockPrivateNetworks: false },
    );
    const started = performance.now();
    worker.start();
    while (received() - before < messageCount) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    log(`${kind}: ${messageCount} delivered in ${seconds.toFixed(2)} s`);
    return messageCount / seconds;
  } finally {
    await dispose();
  }
}

const { server, url, received } = await receiver();
try {
  const bare = await ceiling(url);
  log(`ceiling: ${bare.toFixed(0)} requests/s`);
  const rows: [string, number][] = [['signed POSTs from memory (ceiling)', bare]];
  for (const kind of opts.stores.split(',') as StoreKind[])
    rows.push([`${kind} outbox -> worker`, await benchStore(kind, url, received)]);
  process.stdout.write(
    `\n${messageCount.toLocaleString('en-US')} notifications over ${leadCount.toLocaleString('en-US')} leads, ${concurrency} in flight\n` +
      '| path | deliveries/s | % of ceiling |\n|---|---|---|\n' +
      rows
        .map(
          ([name, rate]) =>
            `| ${name} | ${rate.toFixed(0)} | ${((100 * rate) / bare).toFixed(1)}% |`,
        )
        .join('\n') +
      '\n',
  );
} finally {
  server.close();
}
