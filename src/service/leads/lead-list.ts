// The lead list: filtered, sorted and paged by the store on the stored scores, each shown as of
// now (decay applied when read), with its owner, tags, latest activity and score trend read for
// the whole page at once.
import type { LeadScore } from '../../core/lead-score.js';
import type { Lead, LeadListQuery, LeadScoreRow, Store, StoreTx } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { readAt } from '../scoring/lead-scoring.js';

export interface LeadListEntry {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  score: number | null;
  /** The stored score the list is ordered by (as of `scoredAt`); `score` is that decayed to now. */
  storedScore: number | null;
  scoredAt: string | null;
  grade: string | null;
  segment: string | null;
  stage: string | null;
  modelVersion: number | null;
  updatedAt: string;
  owner: string | null;
  tags: string[];
  /** The time of its latest event. */
  lastActivityAt: string | null;
  /** Its score after each of its last few history entries, oldest first. */
  trend: number[];
}

/** A list line with what it was read from: the lead, its stored row, its score as of now. */
export interface LeadListRow {
  entry: LeadListEntry;
  lead: Lead;
  row: LeadScoreRow | null;
  /** The score as of now under the active model; undefined when the row is of another version. */
  current: LeadScore | undefined;
}

export async function listLeads(
  store: Store,
  models: ActiveModels,
  ws: string,
  query: LeadListQuery,
  now: number,
): Promise<{ items: LeadListEntry[]; next: string | null }> {
  return store.transaction(async (tx) => {
    const page = await leadListRows(tx, await models.get(tx, ws), ws, query, now);
    return { items: page.rows.map((r) => r.entry), next: page.next };
  });
}

/** One page of the list inside a transaction: each line with what it was read from. */
export async function leadListRows(
  tx: StoreTx,
  scoring: ActiveScoring | undefined,
  ws: string,
  query: LeadListQuery,
  now: number,
): Promise<{ rows: LeadListRow[]; next: string | null }> {
  const page = await tx.listLeads(ws, query);
  const extras = await tx.leadExtras(
    ws,
    page.items.map((item) => item.lead.id),
  );
  const rows = page.items.map(({ lead, score: row }): LeadListRow => {
    const traits = lead.traits;
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const name =
      text(traits.name) ??
      ([text(traits.first_name), text(traits.last_name)].filter(Boolean).join(' ') || null);
    const companyTraits = traits.company;
    const company =
      typeof companyTraits === 'object' && companyTraits !== null
        ? text((companyTraits as Record<string, unknown>).name)
        : null;
    const current =
      row && scoring && row.modelVersion === scoring.version
        ? readAt(scoring, row.state, now).score
        : undefined;
    const extra = extras.get(lead.id);
    const lastEvent = extra?.lastEventTime ?? null;
    const entry: LeadListEntry = {
      id: lead.id,
      name,
      email: text(traits.email),
      company,
      score: current?.score ?? row?.score ?? null,
      storedScore: row?.score ?? null,
      scoredAt: row ? new Date(row.scoredAt).toISOString() : null,
      grade: current?.grade ?? row?.grade ?? null,
      segment: current?.segment ?? row?.segment ?? null,
      stage: current?.stage ?? row?.stage ?? null,
      modelVersion: row?.modelVersion ?? null,
      updatedAt: new Date(lead.updatedAt).toISOString(),
      owner: extra?.owner ?? null,
      tags: extra?.tags ?? [],
      lastActivityAt: lastEvent === null ? null : new Date(lastEvent).toISOString(),
      trend: extra?.trend ?? [],
    };
    return { entry, lead, row, current };
  });
  return { rows, next: page.next };
}
