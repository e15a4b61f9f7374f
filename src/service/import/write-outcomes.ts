// One chunk of an outcomes file recorded in one transaction, each row as POST
// /v1/leads/:id/outcome records one (the same lifecycle rules and entries) but at its own time;
// an outcome already recorded for the lead at that time is a duplicate.
import type { NewNotification, StoreTx } from '../../store/port.js';
import { recordMove } from '../lifecycle/record-move.js';
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
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const ids = [...new Set(rows.map((r) => r.leadId))];
  await tx.lockLeads(ws, ids);
  const leads = await tx.getLeads(ws, ids);
  const notifications: NewNotification[] = [];
  for (const [i, row] of rows.entries()) {
    const lead = leads.get(row.leadId);
    if (!lead) {
      refused.set(i, `no lead "${row.leadId}": import it in the leads file first`);
      continue;
    }
    const entries = await tx.listLifecycleEntries(ws, row.leadId, { limit: ENTRIES_READ });
    if (entries.some((e) => e.at === row.at && e.kind === row.outcome)) {
      counts.duplicates++;
      continue;
    }
    const recorded = await recordMove(
      tx,
      ws,
      lead,
      row.outcome === 'converted' ? { type: 'convert' } : { type: 'lose' },
      {
        cause: 'api',
        causeRef: null,
        actor: null,
        at: row.at,
        reason: row.reason,
        value: row.value,
        currency: row.currency,
      },
    );
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
