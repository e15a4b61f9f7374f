// The benchmark's synthetic data generator: deterministic, the requested sizes, well-formed rows.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, LEADS_HEADER, EVENTS_CSV_HEADER } from '../src/service/demo/synthetic.js';

const LEADS = 2_000;
const EVENTS = 20_000;
const START = new Date('2026-06-01T00:00:00Z');
const DAYS = 90;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/;

interface Track {
  type: string;
  messageId: string;
  userId: string;
  event: string;
  properties: Record<string, string>;
  timestamp: string;
}

let dir: string;

async function generate(name: string, seed: number, format: 'ndjson' | 'csv') {
  const leadsPath = join(dir, `${name}-leads.csv`);
  const eventsPath = join(dir, `${name}-events.${format}`);
  const progress: number[] = [];
  const sizes = await generateDataset({
    leads: LEADS,
    events: EVENTS,
    seed,
    start: START,
    days: DAYS,
    leadsPath,
    eventsPath,
    eventsFormat: format,
    onProgress: (done, total) => {
      expect(total).toBe(LEADS + EVENTS);
      progress.push(done);
    },
  });
  const leads = await readFile(leadsPath);
  const events = await readFile(eventsPath);
  return { sizes, progress, leads, events };
}

const lines = (data: Buffer): string[] => data.toString('utf8').split('\n').slice(0, -1);

describe('generateDataset', () => {
  let first: Awaited<ReturnType<typeof generate>>;
  let tracks: Track[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leadscore-synthetic-'));
    first = await generate('a', 7, 'ndjson');
    tracks = lines(first.events).map((line) => JSON.parse(line) as Track);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the same bytes for the same seed and different bytes for another', async () => {
    const again = await generate('b', 7, 'ndjson');
    expect(again.leads.equals(first.leads)).toBe(true);
    expect(again.events.equals(first.events)).toBe(true);
    const other = await generate('c', 8, 'ndjson');
    expect(other.leads.equals(first.leads)).toBe(false);
    expect(other.events.equals(first.events)).toBe(false);
  });

  it('writes the requested counts, reports their sizes and ends its progress at the total', () => {
    expect(lines(first.leads)).toHaveLength(LEADS + 1);
    expect(tracks).toHaveLength(EVENTS);
    expect(first.sizes).toEqual({
      leadsBytes: first.leads.length,
      eventsBytes: first.events.length,
    });
    expect(first.progress.at(-1)).toBe(LEADS + EVENTS);
  });

  it('writes leads with the documented columns and unique ids', () => {
    const rows = parse(first.leads, { columns: true }) as Record<string, string>[];
    expect(lines(first.leads)[0]).toBe(LEADS_HEADER);
    expect(rows).toHaveLength(LEADS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(LEADS);
    for (const row of rows) {
      expect(row.id).toMatch(/^L\d{7}$/);
      expect(row['company.employees']).toMatch(/^(\d+)?$/);
    }
    expect(rows.some((r) => r.title?.includes(','))).toBe(true);
  });

  it('writes Segment track calls for known leads, within the time window', () => {
    const ids = new Set(lines(first.leads).map((line) => line.slice(0, line.indexOf(','))));
    const from = START.getTime() - DAYS * 86_400_000;
    const keys = 'type,messageId,userId,event,properties,timestamp';
    const bad = tracks.filter((track) => {
      const time = Date.parse(track.timestamp);
      return (
        Object.keys(track).join(',') !== keys ||
        track.type !== 'track' ||
        typeof track.event !== 'string' ||
        typeof track.properties !== 'object' ||
        !ids.has(track.userId) ||
        !ISO.test(track.timestamp) ||
        !(time >= from && time < START.getTime())
      );
    });
    expect(bad).toEqual([]);
    const offsets = new Set(tracks.map((t) => t.timestamp.slice(23)));
    expect(offsets.has('Z')).toBe(true);
    expect(offsets.has('+02:00')).toBe(true);
    const types = new Set(tracks.map((t) => t.properties.type));
    expect([...types]).toEqual(expect.arrayContaining(['whitepaper', 'case-study', 'ebook']));
    expect(tracks.some((t) => t.properties.path?.startsWith('/pricing'))).toBe(true);
  });

  it('repeats about 1% of messageIds with the same payload, and nothing else', () => {
    const seen = new Map<string, string>();
    let repeats = 0;
    for (const line of lines(first.events)) {
      const id = (JSON.parse(line) as Track).messageId;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        repeats++;
        expect(line).toBe(earlier);
      } else seen.set(id, line);
    }
    expect(repeats / EVENTS).toBeGreaterThan(0.006);
    expect(repeats / EVENTS).toBeLessThan(0.014);
  });

  it('leaves events unsorted and spreads them unevenly over leads', () => {
    const times = tracks.map((t) => Date.parse(t.timestamp));
    expect(times.some((t, i) => i > 0 && t < (times[i - 1] as number))).toBe(true);
    const perLead = new Map<string, number>();
    for (const t of tracks) perLead.set(t.userId, (perLead.get(t.userId) ?? 0) + 1);
    const counts = [...perLead.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] as number;
    expect(perLead.size).toBeLessThan(LEADS);
    expect(counts.at(-1)).toBeGreaterThan(10 * median);
  });

  it('writes the same events in CSV form', async () => {
    const csv = await generate('d', 7, 'csv');
    expect(csv.leads.equals(first.leads)).toBe(true);
    expect(lines(csv.events)[0]).toBe(EVENTS_CSV_HEADER);
    const rows = parse(csv.events, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(EVENTS);
    const asTracks = rows.map((row) => ({
      type: 'track',
      messageId: row.message_id,
      userId: row.lead_id,
      event: row.event,
      properties: Object.fromEntries(
        Object.entries(row)
          .filter(([key, value]) => key.startsWith('properties.') && value !== '')
          .map(([key, value]) => [key.slice('properties.'.length), value]),
      ),
      timestamp: row.timestamp,
    }));
    expect(asTracks).toEqual(tracks);
  });
});
