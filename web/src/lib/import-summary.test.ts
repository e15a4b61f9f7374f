// An import's progress, counts and reject reasons as the page shows them.
import { describe, expect, it } from 'vitest';
import type { ImportCounts, ImportResult } from '../api/import-types';
import { countsRows, progressPercent, reasonRows, rejectedTotal } from './import-summary';

function counts(read: number, rejectedByReason: Record<string, number> = {}): ImportCounts {
  const rejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  return { read, created: read - rejected, updated: 0, duplicates: 0, rejected, rejectedByReason };
}

const result = (parts: ImportResult['counts']): ImportResult => ({
  dryRun: false,
  counts: parts,
  rescored: 0,
  firstRejects: [],
});

describe('import summary', () => {
  it('reads the job progress as a percentage', () => {
    expect(progressPercent({ status: 'queued', progress: 0, total: 0 })).toBe(0);
    expect(progressPercent({ status: 'running', progress: 1, total: 3 })).toBe(33);
    expect(progressPercent({ status: 'running', progress: 9, total: 3 })).toBe(100);
    expect(progressPercent({ status: 'succeeded', progress: 0, total: 0 })).toBe(100);
  });

  it('lists the kinds read in page order, with a total when there are several', () => {
    const rows = countsRows(result({ outcomes: counts(2), leads: counts(5, { 'missing id': 1 }) }));
    expect(rows.map((r) => r.kind)).toEqual(['leads', 'outcomes', 'total']);
    expect(rows[2]!.counts).toEqual({
      read: 7,
      created: 6,
      updated: 0,
      duplicates: 0,
      rejected: 1,
    });
    expect(countsRows(result({ events: counts(3) })).map((r) => r.kind)).toEqual(['events']);
  });

  it('sums the rejects and orders their reasons by frequency', () => {
    const r = result({
      leads: counts(10, { 'missing id': 1, 'bad number': 3 }),
      events: counts(10, { 'bad timestamp': 3, 'unknown type': 2 }),
    });
    expect(rejectedTotal(r)).toBe(9);
    expect(reasonRows(r)).toEqual([
      { kind: 'leads', reason: 'bad number', count: 3 },
      { kind: 'events', reason: 'bad timestamp', count: 3 },
      { kind: 'events', reason: 'unknown type', count: 2 },
      { kind: 'leads', reason: 'missing id', count: 1 },
    ]);
  });
});
