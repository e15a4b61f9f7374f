// `leadscore import` while `leadscore serve` ingests on the same database (both stores, real
// processes): no live call fails, every acknowledged live event is stored, the import counts are
// right, and every lead ends with the score `leadscore score` computes from all the events.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile-model.js';
import { round2 } from '../src/core/lead-score.js';
import { readState } from '../src/core/score-state.js';
import { importResultSchema } from '../src/service/import/import-types.js';
import { issueKey } from '../src/service/keys.js';
import { loadModel } from '../src/service/load-model.js';
import { importTargets } from './import-databases.js';
import { writeHistory } from './import-history.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';
import { startServe } from './serve-process.js';

const MODEL_FILE = join(ROOT, 'examples/models/b2b.yaml');
const model = await loadModel(MODEL_FILE);
const compiled = compileModel(model);
const START = new Date(Date.now() - 86_400_000);
const LEADS = 2000;
const EVENTS = 20_000;
const EVENT_NAMES = ['Email Opened', 'Email Link Clicked', 'Demo Requested', 'Webinar Registered'];
/** A live call that takes longer than this counts as timed out. */
const CALL_TIMEOUT_MS = 10_000;

interface LiveCall {
  path: '/v1/track' | '/v1/batch';
  body: Record<string, unknown>;
  events: Record<string, unknown>[];
}

/** Call `i`: a track of one lead, or every fifth a batch of three; leads shared with the import. */
function liveCall(i: number, leadIds: string[], at: number): LiveCall {
  const track = (n: number) => ({
    type: 'track',
    messageId: `live-${i}-${n}`,
    // Every 3rd lead the import also has (some early in its file); the others only live.
    userId: (i + n) % 3 === 0 ? leadIds[(i * 7 + n) % 40]! : `live-lead-${(i + n) % 25}`,
    event: EVENT_NAMES[(i + n) % EVENT_NAMES.length]!,
    properties: {},
    timestamp: new Date(at - (i % 600) * 1000).toISOString(),
  });
  if (i % 5 === 4) {
    const batch = [0, 1, 2].map(track);
    return { path: '/v1/batch', body: { batch }, events: batch };
  }
  const one = track(0);
  return { path: '/v1/track', body: one, events: [one] };
}

describe.each(importTargets())('leadscore import while serve ingests on $name', (target) => {
  it('loses no live call and scores every lead from all its events', async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: LEADS, events: EVENTS, seed: 11, format: 'ndjson' },
      START,
    );
    const db = await target.create(model as unknown as Record<string, unknown>, Date.now());
    const setup = db.open();
    const write = await issueKey(setup, db.ws, 'write', Date.now());
    await setup.close();
    const serveDb = db.args[1] ?? join(dir, 'unused.db');
    const server = await startServe(serveDb, db.env);
    const auth = `Basic ${Buffer.from(`${write.secret}:`).toString('base64')}`;

    const failures: string[] = [];
    const acknowledged: Record<string, unknown>[] = [];
    let importDone = false;
    let sent = 0;
    /** Calls answered while the import ran: the two did overlap. */
    let duringImport = 0;
    const send = async (call: LiveCall) => {
      try {
        const response = await fetch(`${server.url}${call.path}`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify(call.body),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        const text = await response.text();
        if (!importDone) duringImport++;
        if (response.status === 200) acknowledged.push(...call.events);
        else failures.push(`${call.path} ${response.status}: ${text}`);
      } catch (error) {
        failures.push(`${call.path}: ${(error as Error).message}`);
      }
    };
    /** Four callers, each one call at a time, until the import is done (and a few calls after). */
    const liveAt = Date.now();
    const callers = [0, 1, 2, 3].map(async () => {
      let after = 0;
      while (!importDone || after++ < 5) await send(liveCall(sent++, files.leadIds, liveAt));
    });
    try {
      const run = await runCli(
        ['import', ...db.args, '--leads', files.leads, '--events', files.events, '--json'],
        ROOT,
        db.env,
      );
      importDone = true;
      await Promise.all(callers);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = importResultSchema.parse(JSON.parse(run.stdout));
      // Some import leads had been created by live calls already: updated, not created.
      const leads = result.counts.leads!;
      expect(leads.read).toBe(LEADS);
      expect(leads.rejected).toBe(0);
      expect(leads.created + leads.updated).toBe(LEADS);
      const events = result.counts.events!;
      expect(events.read).toBe(EVENTS);
      expect(events.rejected).toBe(0);
      expect(events.created + events.duplicates).toBe(EVENTS);
      expect(events.duplicates).toBeGreaterThan(0);
    } finally {
      importDone = true;
      await Promise.all(callers);
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(failures).toEqual([]);
    expect(duringImport).toBeGreaterThan(20);

    const store = db.open();
    try {
      // Every acknowledged live event is stored, under its lead.
      const liveLeads = [...new Set(acknowledged.map((e) => e.userId as string))];
      for (const id of liveLeads) {
        const stored = new Set((await store.eventsOfLead(db.ws, id)).map((e) => e.messageId));
        const mine = acknowledged.filter((e) => e.userId === id).map((e) => e.messageId);
        expect(mine.filter((m) => !stored.has(m as string))).toEqual([]);
      }

      // `leadscore score` of the imported and the live events together, as of now.
      const allEvents = join(dir, 'all-events.ndjson');
      await writeFile(allEvents, await readFile(files.events, 'utf8'));
      await appendFile(allEvents, acknowledged.map((e) => `${JSON.stringify(e)}\n`).join(''));
      const liveOnly = liveLeads.filter((id) => !files.leadIds.includes(id));
      const allLeads = join(dir, 'all-leads.csv');
      const header = (await readFile(files.leads, 'utf8')).split('\n')[0]!;
      const blank = ','.repeat(header.split(',').length - 1);
      await writeFile(allLeads, await readFile(files.leads, 'utf8'));
      await appendFile(allLeads, liveOnly.map((id) => `${id}${blank}\n`).join(''));
      const asOf = new Date();
      const scored = await runCli([
        'score',
        '--model',
        MODEL_FILE,
        '--leads',
        allLeads,
        '--events',
        allEvents,
        '--as-of',
        asOf.toISOString(),
        '--format',
        'csv',
      ]);
      expect(scored.code).toBe(0);
      const expected = parse(scored.stdout, { columns: true }) as Record<string, string>[];
      expect(expected).toHaveLength(LEADS + liveOnly.length);
      const rows = await store.getScores(
        db.ws,
        expected.map((e) => e.id!),
      );
      const actual = expected.map((e) => {
        const row = rows.get(e.id!);
        if (!row) return { id: e.id, missing: true };
        const s = readState(compiled, row.state, asOf.getTime());
        return { id: e.id, score: round2(s.score), segment: s.segment };
      });
      expect(actual).toEqual(
        expected.map((e) => ({ id: e.id, score: Number(e.score), segment: e.segment })),
      );
    } finally {
      await store.close();
    }
  });
});
