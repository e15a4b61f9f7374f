// One chunk of an outcomes file recorded in one transaction, each row as POST
// /v1/leads/:id/outcome records one (the same lifecycle rules and entries) but at its own time;
// an outcome already recorded for the lead at that time is a duplicate. In a dry run the same
// rules are checked against the store and the plan so far, and nothing is written.
import type { NewNotification, StoreTx } from '../../store/port.js';
import { applyMove, lifecyclesOf, type MoveContext } from '../lifecycle/apply-move.js';
import type { LifecycleAction } from '../lifecycle/moves.js';
import { recordMove } from '../lifecycle/record-move.js';
import { DryRunState } from './dry-run-state.js';
import type { OutcomeRow } from './import-rows.js';
import type { ImportCounts } from './import-types.js';

/** Lifecycle entries of one lead read to find an outcome already recorded. */
const ENTRIES_READ = 1000;

/** Answers the refused rows (by index in `rows`) with their reason. */
export async function writeOutcomes(
  tx: StoreTx,
  ws: string,
  rows: readonly OutcomeRow[],
  quiet: boolean,
  counts: ImportCounts,
  dry?: DryRunState,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const ids = [...new Set(rows.map((r) => r.leadId))];
  if (!dry) await tx.lockLeads(ws, ids);
  const leads = await tx.getLeads(ws, ids);
  const notifications: NewNotification[] = [];
  for (const [i, row] of rows.entries()) {
    const lead = leads.get(row.leadId) ?? dryLead(dry, row.leadId);
    if (!lead) {
      refused.set(i, `no lead "${row.leadId}": import it in the leads file first`);
      continue;
    }
    const key = DryRunState.outcomeKey(row.leadId, row.outcome, row.at);
    const entries = await tx.listLifecycleEntries(ws, row.leadId, { limit: ENTRIES_READ });
    if (entries.some((e) => e.at === row.at && e.kind === row.outcome) || dry?.outcomes.has(key)) {
      counts.duplicates++;
      continue;
    }
    const action: LifecycleAction =
      row.outcome === 'converted' ? { type: 'convert' } : { type: 'lose' };
    const context: MoveContext = {
      cause: 'api',
      causeRef: null,
      actor: null,
      at: row.at,
      reason: row.reason,
      value: row.value,
      currency: row.currency,
    };
    if (dry) {
      const state =
        dry.lifecycles.get(lead.id) ??
        (await lifecyclesOf(tx, ws, [lead.id], lead.createdAt)).get(lead.id)!;
      const move = applyMove(state, action, context);
      if (!move.ok) {
        refused.set(i, move.message);
        continue;
      }
      dry.lifecycles.set(lead.id, move.state);
      dry.outcomes.add(key);
      counts.created++;
      continue;
    }
    const recorded = await recordMove(tx, ws, lead, action, context);
    if (!recorded.ok) {
      refused.set(i, recorded.message);
      continue;
    }
    counts.created++;
    notifications.push(...recorded.notifications);
  }
  if (!quiet && notifications.length > 0) await tx.enqueueNotifications(ws, notifications);
  return refused;
}

/** A lead the dry run would have created earlier in the files. */
function dryLead(dry: DryRunState | undefined, id: string) {
  const lead = dry?.leads.get(id);
  return lead && { id, createdAt: lead.createdAt };
}
