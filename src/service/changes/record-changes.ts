// Every visible change of a lead is recorded the same way, in the transaction that made it: its
// history entries (the transitions, with their cause), the hand-over to sales when it entered a
// qualified segment, the actions of a segment it entered, and the webhook notifications they
// call for (written to the outbox, so that a committed change can never lose its notification).
// Each part takes the whole batch at once, with the outcome of one entry at a time in order.
import type { HistoryEntry, NewNotification, StoreTx } from '../../store/port.js';
import { handOverMany } from '../lifecycle/hand-over.js';
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
  const { compiled } = scoring;
  await tx.appendHistories(ws, entries);
  // Entering a qualified segment hands the lead to sales (its lifecycle becomes MQL).
  await handOverMany(
    tx,
    ws,
    entries
      .filter((entry) => enteredQualified(compiled, entry))
      .map(({ leadId, segment, at }) => ({ leadId, segment, at })),
  );
  const actions = await runSegmentActions(tx, ws, compiled, entries);
  const notifications: NewNotification[] = entries.flatMap((entry, i) => [
    ...notificationsOf(compiled, entry),
    ...actions[i]!,
  ]);
  if (notifications.length > 0) await tx.enqueueNotifications(ws, notifications);
}
