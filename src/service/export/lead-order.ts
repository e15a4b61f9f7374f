// The lead list's sort as people write it (`-score`: highest first) and as the store reads it.
import type { LeadListQuery } from '../../store/port.js';

export const LEAD_SORTS = ['-score', 'score', '-updatedAt', 'updatedAt'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export function leadOrder(sort: LeadSort): Pick<LeadListQuery, 'sort' | 'direction'> {
  return {
    sort: sort.startsWith('-') ? (sort.slice(1) as 'score' | 'updatedAt') : (sort as 'score'),
    direction: sort.startsWith('-') ? 'desc' : 'asc',
  };
}
