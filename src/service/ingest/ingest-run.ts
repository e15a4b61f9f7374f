// Stores and scores a run of Segment calls of every kind in a few set-based statements: the calls
// in one insert (store-calls says when it takes more), the scores of their leads in one read and
// one write, the history in one append, the accounts scored again once. The outcome equals
// taking the calls one at a time: they are taken in arrival order across leads, each event is
// scored against the lead's history as stored up to it (its seq), an identify's traits, a
// visitor's link or a group's company are stored and the lead scored again before the next call,
// and each visible change gets its history entry, a conversion its outcome after it.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import { refreshAccountsOfLeads } from '../accounts/account-scoring.js';
import { recordChanges, type PlacedConversion } from '../changes/record-changes.js';
import { conversionsOf } from '../lifecycle/conversions.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { changeEntry, scoredRow } from '../scoring/lead-scoring.js';
import { stepsOf } from './run-steps.js';
import { scoreStep } from './score-step.js';
import { storeCalls } from './store-calls.js';
import { storeStep } from './store-step.js';

/**
 * For each call, in order: true when it was stored now, false for a repeated messageId. `links`:
 * the visitors of the calls linked when the run began (see visitor-links).
 */
export async function ingestRun(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring | undefined,
  messages: readonly SegmentMessage[],
  links: ReadonlyMap<string, string>,
  now: number,
): Promise<boolean[]> {
  const calls = await storeCalls(tx, ws, messages, links, now);
  const steps = stepsOf(calls, links);
  const inserted = calls.map((call) => call.inserted);
  if (!scoring) {
    for (const step of steps) await storeStep(tx, ws, step, now);
    return inserted;
  }
  const leadIds = new Set(steps.flatMap((step) => (step.leadId === null ? [] : [step.leadId])));
  // Each lead's row as its calls so far left it. The calls are taken in the order they came,
  // across leads too: a group call's company traits reach the next refit of any lead there,
  // and hand-overs take their owners round-robin in that order.
  const rows = await tx.getScores(ws, [...leadIds]);
  const written = new Map<string, LeadScoreRow>();
  const history: HistoryEntry[] = [];
  const conversions: PlacedConversion[] = [];
  const convert = conversionsOf(scoring.compiled);
  // Companies scored again besides those of the leads scored: one a lead left, one whose
  // traits came with no lead known yet.
  const companies = new Set<string>();
  for (const step of steps) {
    const writes = await storeStep(tx, ws, step, now);
    if (writes.left !== null) companies.add(writes.left);
    if (step.leadId === null) {
      companies.add(step.message.groupId);
      continue;
    }
    const scored = await scoreStep(tx, ws, scoring, step, rows.get(step.leadId), writes);
    if (!scored) continue;
    const next = scoredRow(scoring, step.leadId, scored.state, now);
    const entry = changeEntry(scoring, scored.previous, next, now, scored.cause);
    if (entry) history.push(entry);
    rows.set(step.leadId, next.row);
    written.set(step.leadId, next.row);
    const move = step.kind === 'event' && convert?.(step);
    if (move) conversions.push({ after: history.length, move });
  }
  await tx.putScores(ws, [...written.values()]);
  await recordChanges(tx, ws, scoring, history, conversions);
  await refreshAccountsOfLeads(tx, ws, scoring, [...written.keys()], now, [...companies]);
  return inserted;
}
