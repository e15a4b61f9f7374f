// Every visible change of a lead is recorded the same way, in the transaction that made it: its
// history entries (the transitions, with their cause), the hand-over to sales when it entered a
// qualified segment, the actions of a segment it entered, and
// the webhook notifications they call for (written to the outbox, so that a committed change can
// never lose its notification).
import type { HistoryEntry, NewNotification, StoreTx } from '../../store/port.js';
import { handOver } from '../lifecycle/hand-over.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { enteredQualified, notificationsOf } from './notifications-of.js';
import { runSegmentActions } from './segment-actions.js';

export async function recordChanges(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  entries: readonly HistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.appendHistories(ws, entries);
  const notifications: NewNotification[] = [];
  for (const entry of entries) {
    notifications.push(...notificationsOf(scoring.compiled, entry));
    // Entering a qualified segment hands the lead to sales (its lifecycle becomes MQL).
    if (enteredQualified(scoring.compiled, entry))
      notifications.push(...(await handOver(tx, ws, entry.leadId, entry.segment, entry.at)));
    notifications.push(...(await runSegmentActions(tx, ws, scoring.compiled, entry, entry.at)));
  }
  if (notifications.length > 0) await tx.enqueueNotifications(ws, notifications);
}
