// The stored leads as a dataset for analytics and training, one row per lead: its traits (nested
// ones as `company.industry`), how often it did each kind of event before its outcome (so the
// purchase itself teaches nothing), its channel, its segment now, and `converted` (yes / no,
// blank while the outcome is open).
import type { Dataset } from '../../ml/read-dataset.js';
import type { EventPosition, Store } from '../../store/port.js';
import { knownOutcomes, type KnownOutcome } from '../backtest/known-outcomes.js';
import { findLeads, type Found } from '../rescore/found-leads.js';
import { PreviousScores } from '../rescore/model-change.js';
import { SCORED_TYPES } from '../rescore/scoring-reads.js';
import type { ActiveModels } from '../scoring/active-model.js';
import {
  channelOfContext,
  CHANNEL,
  DID,
  featureRow,
  flatTraits,
  SEGMENT,
  TARGET,
} from './lead-features.js';

/** Event names with a column of their own, the most frequent first. */
const MAX_BEHAVIOURS = 25;
const PAGE = 5000;

export interface StoredDataset {
  dataset: Dataset;
  /** The lead of each row. */
  ids: string[];
  /** Every lead as read, with what its stored score shows now. */
  found: Map<string, Found>;
  /** Each row's score now (null when unscored). */
  scores: (number | null)[];
  /** The leads whose outcome is known. */
  outcomes: Map<string, KnownOutcome>;
  /** The count columns, for the behaviour table. */
  behaviours: string[];
  leads: number;
}

export async function storedDataset(
  store: Store,
  models: ActiveModels,
  ws: string,
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<StoredDataset> {
  const found = await findLeads(store, ws, new PreviousScores(models, ws, now));
  const outcomes = await knownOutcomes(store, ws, [...found.keys()]);
  const counts = new Map<string, Map<string, number>>();
  const firstTouch = new Map<string, string>();
  const totals = new Map<string, number>();
  let after: EventPosition | null = null;
  let read = 0;
  do {
    const page = await store.scoringEventsPage(ws, {
      after,
      limit: PAGE,
      types: SCORED_TYPES,
      payloadKeys: ['context'],
    });
    for (const row of page.events) {
      const outcome = outcomes.get(row.leadId);
      if (outcome && row.time >= outcome.at) continue;
      if (!firstTouch.has(row.leadId)) {
        const channel = channelOfContext(row.payload);
        if (channel) firstTouch.set(row.leadId, channel);
      }
      if (row.type !== 'track') continue;
      let byName = counts.get(row.leadId);
      if (!byName) counts.set(row.leadId, (byName = new Map()));
      byName.set(row.name, (byName.get(row.name) ?? 0) + 1);
      totals.set(row.name, (totals.get(row.name) ?? 0) + 1);
    }
    read += page.events.length;
    onProgress?.(read, read + (page.next ? PAGE : 0));
    after = page.next;
  } while (after);

  const behaviours = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_BEHAVIOURS)
    .map(([name]) => name);
  const traitColumns = new Set<string>();
  for (const { lead } of found.values())
    flatTraits(lead.traits).forEach((_, k) => traitColumns.add(k));
  const features = [
    ...[...traitColumns].sort(),
    ...behaviours.map((b) => DID + b),
    CHANNEL,
    SEGMENT,
  ];
  const columns = [...features, TARGET];
  const rows: string[][] = [];
  const ids: string[] = [];
  const scores: (number | null)[] = [];
  for (const [id, { lead, previous }] of found) {
    ids.push(id);
    scores.push(previous?.score ?? null);
    const outcome = outcomes.get(id);
    const facts = {
      traits: lead.traits,
      counts: counts.get(id),
      firstTouch: firstTouch.get(id),
      segment: previous?.segment,
    };
    rows.push([
      ...featureRow(facts, features),
      outcome === undefined ? '' : outcome.converted ? 'yes' : 'no',
    ]);
  }
  const dataset: Dataset = {
    source: 'stored leads',
    columns,
    rows,
    lines: rows.map((_, i) => i + 2),
    rejects: [],
    order: rows.map((_, row) => ({ row })),
  };
  return {
    dataset,
    ids,
    found,
    scores,
    outcomes,
    behaviours: behaviours.map((b) => DID + b),
    leads: rows.length,
  };
}
