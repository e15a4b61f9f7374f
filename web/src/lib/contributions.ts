// A lead's contributions grouped by criterion or rule: how many times each applied and its
// points as the model gives them, after the cap and after decay (what reaches the score).
import type { Contribution } from '../api/types';

export interface ContributionGroup {
  kind: Contribution['kind'];
  id: string;
  category: string;
  count: number;
  points: number;
  afterCap: number;
  afterDecay: number;
  lastTime: string | undefined;
  /** Manual adjustments: why. */
  reason?: string | undefined;
}

export function groupContributions(contributions: readonly Contribution[]): ContributionGroup[] {
  const groups = new Map<string, ContributionGroup>();
  for (const c of contributions) {
    const key = `${c.kind}:${c.id}`;
    const group = groups.get(key) ?? {
      kind: c.kind,
      id: c.id,
      category: c.category,
      count: 0,
      points: 0,
      afterCap: 0,
      afterDecay: 0,
      lastTime: undefined,
      reason: c.reason,
    };
    group.count += 1;
    group.points += c.points;
    group.afterCap += c.afterCap;
    group.afterDecay += c.afterDecay;
    if (c.time && (!group.lastTime || c.time > group.lastTime)) group.lastTime = c.time;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => Math.abs(b.afterDecay) - Math.abs(a.afterDecay) || a.id.localeCompare(b.id),
  );
}

export function totalOf(contributions: readonly Contribution[]): number {
  return contributions.reduce((sum, c) => sum + c.afterDecay, 0);
}
