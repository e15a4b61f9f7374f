// A rep's own leads: hot first, and the changes since the visit this browser remembers.
import { describe, expect, it } from 'vitest';
import type { LeadListItem } from '../api/types';
import { changesSince, hotFirst, seenOf } from './my-leads';

const lead = (
  id: string,
  score: number | null,
  more: Partial<LeadListItem> = {},
): LeadListItem => ({
  id,
  name: id,
  email: null,
  company: null,
  score,
  storedScore: score,
  scoredAt: null,
  grade: null,
  segment: 'mql',
  stage: 'mofu',
  modelVersion: 1,
  updatedAt: '2026-12-01T00:00:00Z',
  owner: 'rep@example.com',
  tags: [],
  lastActivityAt: null,
  trend: [],
  ...more,
});

describe('hotFirst', () => {
  it('orders by stage (hot, warm, cold, none), then by score', () => {
    const leads = [
      lead('cold-high', 90, { stage: 'tofu' }),
      lead('warm-low', 20),
      lead('hot', 50, { stage: 'bofu' }),
      lead('warm-high', 70),
      lead('none', null, { stage: null }),
    ];
    expect(hotFirst(leads).map((l) => l.id)).toEqual([
      'hot',
      'warm-high',
      'warm-low',
      'cold-high',
      'none',
    ]);
  });
});

describe('changesSince', () => {
  it('shows nothing on a first visit', () => {
    expect(changesSince(null, [lead('a', 10)]).size).toBe(0);
  });

  it('marks new hand-overs, score jumps of 10 points or more and segment moves', () => {
    const seen = seenOf([lead('a', 10), lead('b', 50), lead('c', 30)], '2026-12-01T00:00:00Z');
    const now = [lead('a', 25), lead('b', 45, { segment: 'sql' }), lead('c', 39), lead('d', 5)];
    const changes = changesSince(seen, now);
    expect(changes.get('a')).toEqual([{ kind: 'jump', from: 10, to: 25 }]);
    expect(changes.get('b')).toEqual([{ kind: 'segment', from: 'mql', to: 'sql' }]);
    expect(changes.has('c')).toBe(false);
    expect(changes.get('d')).toEqual([{ kind: 'new' }]);
  });
});
