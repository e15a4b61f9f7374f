// End-to-end tests of `leadscore score`: formats, rejects with file and line, exit codes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './run-cli.js';

const MODEL = `
name: test
fit:
  criteria:
    - { id: senior, category: demographic, when: { field: title, matches: "\\\\bvp\\\\b" }, points: 15 }
    - { id: big, category: firmographic, when: { field: company.employees, gte: 200 }, points: 20 }
  grades: [ { grade: A, min: 30 }, { grade: B, min: 15 }, { grade: C } ]
engagement:
  rules:
    - { id: open, category: email, event: Email Opened, points: 2, cap: { points: 4, days: 30 } }
    - { id: paper, event: Asset Downloaded, where: { field: properties.type, eq: whitepaper }, points: 5 }
    - { id: demo, event: Demo Requested, points: 1, qualifies: mql }
segments:
  - { id: hot, min: 40, minGrade: A, stage: bofu }
  - { id: mql, above: 20, stage: mofu }
  - { id: cold, stage: tofu }
`;

const LEADS = [
  'id,title,company.employees',
  'l1,VP Sales,500',
  'l2,Engineer,10',
  'l3,"Analyst, junior",',
].join('\n');

const track = (o: Record<string, unknown>) => JSON.stringify({ type: 'track', ...o });
const EVENTS = [
  track({ messageId: 'a', userId: 'l1', event: 'Email Opened', timestamp: '2026-05-01T00:00:00Z' }),
  track({
    messageId: 'b',
    userId: 'l1',
    event: 'email opened ',
    timestamp: '2026-05-02T00:00:00Z',
  }),
  track({ messageId: 'c', userId: 'l1', event: 'Email Opened', timestamp: '2026-05-03T00:00:00Z' }),
  track({ messageId: 'c', userId: 'l1', event: 'Email Opened', timestamp: '2026-05-03T00:00:00Z' }),
  track({
    messageId: 'd',
    userId: 'l1',
    event: 'Asset Downloaded',
    properties: { type: 'Whitepaper' },
    timestamp: '2026-05-04T02:00:00+02:00',
  }),
  track({
    messageId: 'e',
    userId: 'l2',
    event: 'Demo Requested',
    timestamp: '2026-05-05T00:00:00Z',
  }),
  track({ messageId: 'f', userId: 'l3', event: 'Email Opened', timestamp: '2026-07-01T00:00:00Z' }),
].join('\n');

async function setup(extra: Record<string, string> = {}) {
  return tempFiles({ 'model.yaml': MODEL, 'leads.csv': LEADS, 'events.ndjson': EVENTS, ...extra });
}

function args(dir: string, ...more: string[]) {
  return [
    'score',
    '--model',
    join(dir, 'model.yaml'),
    '--leads',
    join(dir, 'leads.csv'),
    '--events',
    join(dir, 'events.ndjson'),
    '--as-of',
    '2026-06-01T00:00:00Z',
    ...more,
  ];
}

describe('leadscore score', () => {
  it('writes CSV in input order with the documented columns and exits 0', async () => {
    const dir = await setup();
    const result = await runCli(args(dir));
    expect(result.stderr).toContain('leads:  3 read, 3 scored, 0 rejected');
    expect(result.code).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'score',
      'fit',
      'engagement',
      'grade',
      'segment',
      'stage',
      'category.demographic',
      'category.firmographic',
      'category.email',
      'category.engagement',
    ]);
    // l1: fit 35 (A); opens capped at 4 in 30 days (third open gets 0, retry ignored); paper 5.
    expect(rows[0]).toMatchObject({
      id: 'l1',
      score: '44',
      fit: '35',
      engagement: '9',
      grade: 'A',
      segment: 'hot',
      stage: 'bofu',
      'category.email': '4',
      'category.engagement': '5',
    });
    // l2: demo fast-tracks to mql whatever the score says.
    expect(rows[1]).toMatchObject({
      id: 'l2',
      score: '1',
      grade: 'C',
      segment: 'mql',
      stage: 'mofu',
    });
    // l3: its only event is after --as-of.
    expect(rows[2]).toMatchObject({ id: 'l3', score: '0', segment: 'cold' });
    expect(result.stderr).toContain('1 duplicate messageIds ignored, 1 after --as-of ignored');
  });

  it('explains every point in JSON, and the contributions add up to the score', async () => {
    const dir = await setup();
    const result = await runCli(args(dir, '--format', 'json', '--explain'));
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      id: string;
      score: number;
      categories: Record<string, number>;
      contributions: {
        id: string;
        afterCap: number;
        afterDecay: number;
        messageId?: string;
        time?: string;
      }[];
    }[];
    expect(rows.map((r) => r.id)).toEqual(['l1', 'l2', 'l3']);
    for (const row of rows) {
      const sum = row.contributions.reduce((s, c) => s + c.afterDecay, 0);
      expect(sum).toBeCloseTo(row.score, 6);
    }
    const l1 = rows[0];
    expect(l1?.contributions.map((c) => [c.id, c.afterCap, c.messageId ?? null])).toEqual([
      ['senior', 15, null],
      ['big', 20, null],
      ['open', 2, 'a'],
      ['open', 2, 'b'],
      ['open', 0, 'c'],
      ['paper', 5, 'd'],
    ]);
    expect(l1?.contributions[5]?.time).toBe('2026-05-04T00:00:00.000Z');
    expect(l1?.categories).toEqual({ demographic: 15, firmographic: 20, email: 4, engagement: 5 });
  });

  it('writes NDJSON to --out, one line per lead', async () => {
    const dir = await setup();
    const out = join(dir, 'scores.ndjson');
    const result = await runCli(args(dir, '--out', out));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
  });

  it('scores a CSV events file exactly like the same events as NDJSON', async () => {
    const csv = [
      'lead_id,event,timestamp,message_id,properties.type',
      'l1,Email Opened,2026-05-01T00:00:00Z,a,',
      'l1,email opened ,2026-05-02T00:00:00Z,b,',
      'l1,Email Opened,2026-05-03T00:00:00Z,c,',
      'l1,Email Opened,2026-05-03T00:00:00Z,c,',
      'l1,Asset Downloaded,2026-05-04T02:00:00+02:00,d,Whitepaper',
      'l2,Demo Requested,2026-05-05T00:00:00Z,e,',
      'l3,Email Opened,2026-07-01T00:00:00Z,f,',
    ].join('\n');
    const dir = await setup({ 'events.csv': csv });
    const fromNdjson = await runCli(args(dir, '--format', 'ndjson', '--explain'));
    const csvArgs = args(dir, '--format', 'ndjson', '--explain');
    csvArgs[csvArgs.indexOf(join(dir, 'events.ndjson'))] = join(dir, 'events.csv');
    const fromCsv = await runCli(csvArgs);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toBe(fromNdjson.stdout);
  });

  it('reports every bad row with file and line, keeps the good ones, and exits 2', async () => {
    const leads = `${LEADS}\n,no id here,3\nl1,duplicate,4\nl4,"broken,5`;
    const events = [
      EVENTS,
      'this is not json',
      track({
        messageId: 'x1',
        userId: 'nobody',
        event: 'Email Opened',
        timestamp: '2026-05-01T00:00:00Z',
      }),
      track({
        messageId: 'x2',
        userId: 'l2',
        event: 'Email Opened',
        timestamp: '2026-05-01 10:00',
      }),
      track({
        messageId: 'x3',
        userId: 'l2',
        event: 'Email Opened',
        timestamp: '2026-02-30T10:00:00Z',
      }),
      track({
        messageId: 'x4',
        userId: 'l2',
        event: 'Email Opened',
        timestamp: '2026-05-01T00:00:00Z',
      }),
    ].join('\n');
    const dir = await setup({ 'leads.csv': leads, 'events.ndjson': events });
    const rejects = join(dir, 'rejects.csv');
    const result = await runCli(args(dir, '--rejects', rejects));
    expect(result.code).toBe(2);
    const rows = parse(await readFile(rejects, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const leadsFile = join(dir, 'leads.csv');
    const eventsFile = join(dir, 'events.ndjson');
    expect(rows.map((r) => [r.file, r.line, r.kind])).toEqual([
      [leadsFile, '5', 'lead'],
      [leadsFile, '6', 'lead'],
      [leadsFile, '7', 'lead'],
      [eventsFile, '8', 'event'],
      [eventsFile, '9', 'event'],
      [eventsFile, '10', 'event'],
      [eventsFile, '11', 'event'],
    ]);
    expect(rows[0]?.reason).toBe('no id');
    expect(rows[1]?.reason).toBe('duplicate id "l1" (first on line 2)');
    expect(rows[3]?.reason).toMatch(/^not JSON/);
    expect(rows[4]?.reason).toBe('lead "nobody" is not in the leads file');
    expect(rows[5]?.reason).toContain('no time zone');
    expect(rows[6]?.reason).toContain('not a real date');
    expect(result.stderr).toContain('leads:  6 read, 3 scored, 3 rejected');
    expect(result.stderr).toContain('events: 12 read');
    expect(result.stderr).toContain('4 rejected');
    // The valid event after the bad ones still counts: l2 opened one email.
    const scored = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(scored.find((r) => r.id === 'l2')?.['category.email']).toBe('2');
  });

  it('prints rejects to stderr with file:line when no --rejects file is given', async () => {
    const dir = await setup({ 'events.ndjson': `${EVENTS}\n{"type":"identify","userId":"l1"}` });
    const result = await runCli(args(dir));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${join(dir, 'events.ndjson')}:8: event rejected: type "identify" is not an event`,
    );
  });

  it('fails with exit 1 and every problem when the model is bad', async () => {
    const bad = MODEL.replace('points: 15', 'points: fifteen').replace(
      'stage: tofu',
      'stage: cold',
    );
    const dir = await setup({ 'model.yaml': bad });
    const result = await runCli(args(dir));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'fit.criteria[0].points (line 5): expected a number, got "fifteen"',
    );
    expect(result.stderr).toContain('segments[2].stage');
  });

  it('fails with exit 1 when a file cannot be read or the leads have no id column', async () => {
    const dir = await setup({ 'noid.csv': 'name,title\nA,B\n' });
    const missing = await runCli(
      args(dir).map((a) => (a.endsWith('events.ndjson') ? join(dir, 'nope.ndjson') : a)),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.ndjson');
    const noId = await runCli(
      args(dir).map((a) => (a.endsWith('leads.csv') ? join(dir, 'noid.csv') : a)),
    );
    expect(noId.code).toBe(1);
    expect(noId.stderr).toContain('missing column "id"');
  });

  it('rejects a malformed --as-of', async () => {
    const dir = await setup();
    const result = await runCli(
      args(dir).map((a) => (a === '2026-06-01T00:00:00Z' ? 'yesterday' : a)),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--as-of');
  });
});
