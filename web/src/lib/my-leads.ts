// A sales rep's own leads: hot first, and what changed since the last visit, as this browser
// remembers it (the leads and scores seen then, kept in localStorage: ids and numbers only).
import type { LeadListItem, Stage } from '../api/types';

/** What the last visit saw: when, and each lead's score and segment then. */
export interface Seen {
  at: string;
  leads: Record<string, { score: number | null; segment: string | null }>;
}

export type Change =
  | { kind: 'new' }
  | { kind: 'jump'; from: number; to: number }
  | { kind: 'segment'; from: string | null; to: string | null };

/** A score move at least this large (points, either way) is worth pointing out. */
export const JUMP = 10;

const HEAT: Record<Stage, number> = { bofu: 0, mofu: 1, tofu: 2 };

/** Hot (BOFU) first, then warm, cold and unscored; by score within each. */
export function hotFirst(leads: readonly LeadListItem[]): LeadListItem[] {
  const heat = (lead: LeadListItem) => (lead.stage ? HEAT[lead.stage] : 3);
  return [...leads].sort(
    (a, b) => heat(a) - heat(b) || (b.score ?? -Infinity) - (a.score ?? -Infinity),
  );
}

export function seenOf(leads: readonly LeadListItem[], at: string): Seen {
  return {
    at,
    leads: Object.fromEntries(leads.map((l) => [l.id, { score: l.score, segment: l.segment }])),
  };
}

/** Each lead's changes since `seen` (none on a first visit: there is nothing to compare with). */
export function changesSince(
  seen: Seen | null,
  leads: readonly LeadListItem[],
): Map<string, Change[]> {
  const changes = new Map<string, Change[]>();
  if (!seen) return changes;
  for (const lead of leads) {
    const before = seen.leads[lead.id];
    const found: Change[] = [];
    if (!before) found.push({ kind: 'new' });
    else {
      if (
        before.score !== null &&
        lead.score !== null &&
        Math.abs(lead.score - before.score) >= JUMP
      )
        found.push({ kind: 'jump', from: before.score, to: lead.score });
      if (before.segment !== lead.segment)
        found.push({ kind: 'segment', from: before.segment, to: lead.segment });
    }
    if (found.length > 0) changes.set(lead.id, found);
  }
  return changes;
}

/** The storage key of one person's last visit in one workspace. */
export const seenKey = (workspace: string, email: string) =>
  `leadscore.myLeads.${workspace}.${email.toLowerCase()}`;

export function readSeen(key: string): Seen | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (value && typeof value === 'object' && 'at' in value && 'leads' in value)
      return value as Seen;
  } catch {
    // A damaged entry is a first visit.
  }
  return null;
}

export function writeSeen(key: string, seen: Seen): void {
  try {
    localStorage.setItem(key, JSON.stringify(seen));
  } catch {
    // Storage full or refused: the next visit shows no changes, which it says.
  }
}
