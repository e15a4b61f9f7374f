// The shipped examples score as worked out by hand, and the batch CLI agrees with the engine's
// replay (`scoreLead`) lead by lead on the examples and on a generated data set.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { compileModel, loadModel, scoreLead, type ScoringEvent } from '../src/index.js';
import type { ScoreRow } from '../src/cli/score-output.js';
import { eventFromSegment } from '../src/ingest/segment-event.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

const AS_OF = '2026-06-01T00:00:00Z';

type Row = ScoreRow;

/** `leadscore score` on one model, leads and events file, as of AS_OF. */
function score(model: string, leads: string, events: string, ...more: string[]) {
  return runCli([
    'score',
    '--model',
    model,
    '--leads',
    leads,
    '--events',
    events,
    '--as-of',
    AS_OF,
    ...more,
  ]);
}

async function replayExpectations(modelPath: string, leadsPath: string, eventsPath: string) {
  const compiled = compileModel(await loadModel(modelPath));
  const leads = parse(await readFile(leadsPath, 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
  const events = new Map<string, ScoringEvent[]>();
  const seen = new Set<string>();
  for (const line of (await readFile(eventsPath, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const parsed = eventFromSegment(JSON.parse(line));
    if (!parsed.ok) throw new Error(parsed.reason);
    // A retry carries the same messageId for the same lead (the generator repeats whole lines).
    const id = parsed.value.event.messageId;
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const list = events.get(parsed.value.leadId) ?? [];
    list.push(parsed.value.event);
    events.set(parsed.value.leadId, list);
  }
  return leads.map((lead) => ({
    id: lead.id as string,
    ...scoreLead(compiled, lead, events.get(lead.id as string) ?? [], Date.parse(AS_OF)),
  }));
}

function expectSame(rows: Row[], expected: Awaited<ReturnType<typeof replayExpectations>>) {
  expect(rows.map((r) => r.id)).toEqual(expected.map((e) => e.id));
  rows.forEach((row, i) => {
    const e = expected[i];
    if (!e) throw new Error('missing expectation');
    expect(row.score).toBeCloseTo(e.score, 2);
    expect(row.fit).toBeCloseTo(e.fit, 2);
    expect(row.engagement).toBeCloseTo(e.engagement, 2);
    expect([row.grade, row.segment, row.stage]).toEqual([e.grade, e.segment, e.stage]);
    for (const [name, value] of Object.entries(e.categories))
      expect(row.categories[name]).toBeCloseTo(value, 2);
  });
}

describe('examples', () => {
  it('seed: the product brief worked example gives the hand-computed results', async () => {
    const result = await score(
      'examples/models/seed.yaml',
      'examples/data/seed-leads.csv',
      'examples/data/seed-events.csv',
    );
    expect(result.code).toBe(0);
    const got = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const expected = parse(await readFile(join(ROOT, 'examples/data/seed-expected.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(got.map((r) => [r.id, Number(r.score), r.segment, r.stage])).toEqual(
      expected.map((r) => [r.id, Number(r.score), r.segment, r.stage]),
    );
  });

  it('b2b: the CLI agrees with replay for every example lead, with the explanation summing to the score', async () => {
    const result = await score(
      'examples/models/b2b.yaml',
      'examples/data/leads.csv',
      'examples/data/events.ndjson',
      '--format',
      'json',
      '--explain',
    );
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as (Row & { contributions: { afterDecay: number }[] })[];
    expectSame(
      rows,
      await replayExpectations(
        join(ROOT, 'examples/models/b2b.yaml'),
        join(ROOT, 'examples/data/leads.csv'),
        join(ROOT, 'examples/data/events.ndjson'),
      ),
    );
    for (const row of rows) {
      expect(row.contributions.reduce((s, c) => s + c.afterDecay, 0)).toBeCloseTo(row.score, 2);
    }
    expect(new Set(rows.map((r) => r.segment)).size).toBeGreaterThanOrEqual(3);
  });

  it('bad-events: bad lines are reported with their line numbers and the good ones scored', async () => {
    const result = await score(
      'examples/models/b2b.yaml',
      'examples/data/leads.csv',
      'examples/data/bad-events.ndjson',
    );
    expect(result.code).toBe(2);
    const reported = result.stderr.split('\n').filter((l) => l.includes('event rejected'));
    expect(reported).toHaveLength(4);
    for (const line of reported)
      expect(line).toMatch(/^examples\/data\/bad-events\.ndjson:\d+: event rejected/);
  });

  it('generated data: 2,000 leads and 20,000 events score the same in batch and by replay', async () => {
    const dir = await tempFiles({});
    const leadsPath = join(dir, 'leads.csv');
    const eventsPath = join(dir, 'events.ndjson');
    await generateDataset({
      leads: 2000,
      events: 20000,
      seed: 7,
      start: new Date(AS_OF),
      days: 120,
      leadsPath,
      eventsPath,
      eventsFormat: 'ndjson',
    });
    const model = join(ROOT, 'examples/models/b2b.yaml');
    const result = await score(model, leadsPath, eventsPath, '--format', 'ndjson');
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expectSame(rows, await replayExpectations(model, leadsPath, eventsPath));
  });
});
