// Scores every lead of a workspace with one model version, from the stored traits and events,
// and makes that version active for all leads at once, in one transaction at the end.
import { eventKey } from '../../core/compile-model.js';
import type { ScoringEvent } from '../../core/event.js';
import { evaluateFit } from '../../core/fit.js';
import type { EventPosition, JsonObject, Lead, ScoringEventPage, Store } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { stateFromHistory } from '../scoring/advance-state.js';
import { leadRecord } from '../scoring/lead-record.js';
import { scoredRow } from '../scoring/lead-scoring.js';
import type { ScoreSummary } from '../scoring/score-change.js';
import { modelChangeEntry, PreviousScores } from './model-change.js';
import { payloadReads, SCORED_TYPES, scoringEventOfRow } from './scoring-reads.js';
import { switchOver, type Rescored } from './switch-over.js';

export interface RescoreProgress {
  leads: number;
  total: number;
}

/** Events per page: large enough that round trips to PostgreSQL do not show. */
const PAGE = 5000;

/** A lead as the job found it: its traits, and what it showed before (none if unscored). */
interface Found {
  lead: Lead;
  previous: ScoreSummary | undefined;
}

export async function rescoreWorkspace(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  now: number,
  onProgress?: (progress: RescoreProgress) => void,
): Promise<{ leads: number; events: number }> {
  const stored = await store.getModel(ws, version);
  if (!stored) throw new Error(`model version ${version} does not exist`);
  // The job reads every event in order: with stale statistics PostgreSQL pages it far slower.
  await store.analyze();
  const scoring: ActiveScoring = { version, compiled: models.compile(ws, version, stored.spec) };
  const previous = new PreviousScores(models, ws, now);
  const found = await findLeads(store, ws, previous);
  const total = found.size;
  const rescored = new Map<string, Rescored>();
  const companies = new Map<string, JsonObject | undefined>();

  const score = async ({ lead, previous: before }: Found, history: ScoringEvent[]) => {
    let company: JsonObject | undefined;
    if (lead.companyId) {
      if (!companies.has(lead.companyId))
        companies.set(lead.companyId, (await store.getCompany(ws, lead.companyId))?.traits);
      company = companies.get(lead.companyId);
    }
    const fit = evaluateFit(scoring.compiled, leadRecord(lead.id, lead.traits, company));
    const next = scoredRow(scoring, lead.id, stateFromHistory(scoring.compiled, fit, history), now);
    rescored.set(lead.id, { row: next.row, entry: modelChangeEntry(scoring, before, next, now) });
    found.delete(lead.id);
    if (rescored.size % 1000 === 0) onProgress?.({ leads: rescored.size, total });
  };

  const { rulesByEvent } = scoring.compiled;
  const reads = payloadReads(scoring.compiled);
  const page = (after: EventPosition | null) => {
    const read = store.scoringEventsPage(ws, { after, limit: PAGE, types: SCORED_TYPES, ...reads });
    // Awaited on the next turn of the loop; this only keeps a failure from going unhandled.
    read.catch(() => undefined);
    return read;
  };
  let events = 0;
  // Events come ordered by lead; a lead's events may straddle two pages.
  let current: { found: Found | undefined; history: ScoringEvent[] } | undefined;
  let currentId: string | undefined;
  let pending: Promise<ScoringEventPage> | undefined = page(null);
  while (pending) {
    const { events: rows, next }: ScoringEventPage = await pending;
    // Ask for the next page before scoring this one: PostgreSQL reads it meanwhile.
    pending = next ? page(next) : undefined;
    for (const row of rows) {
      events++;
      if (row.leadId !== currentId) {
        if (current?.found) await score(current.found, current.history);
        currentId = row.leadId;
        current = { found: found.get(row.leadId), history: [] };
      }
      // An event no rule matches changes no state: it need not be built.
      if (current?.found && rulesByEvent.has(eventKey(row.name)))
        current.history.push(scoringEventOfRow(row));
    }
  }
  if (current?.found) await score(current.found, current.history);
  for (const lead of [...found.values()]) await score(lead, []);

  const switched = await switchOver(store, { ws, scoring, now, previous, rescored });
  onProgress?.({ leads: switched, total: switched });
  return { leads: switched, events };
}

/** Every lead of the workspace, with the summary its stored score shows now. */
async function findLeads(
  store: Store,
  ws: string,
  previous: PreviousScores,
): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  let after: string | undefined;
  do {
    const page = await store.listLeads(ws, {
      sort: 'updatedAt',
      direction: 'asc',
      limit: 1000,
      ...(after ? { after } : {}),
    });
    for (const { lead, score } of page.items)
      found.set(lead.id, { lead, previous: score ? await previous.of(store, score) : undefined });
    after = page.next ?? undefined;
  } while (after);
  return found;
}
