// Every visible change of a lead is recorded the same way, in the transaction that made it: its
// history entries (the transitions, with their cause), the hand-over to sales when it entered a
// qualified segment, the actions of a segment it entered, and the webhook notifications they
// call for (written to the outbox, so that a committed change can never lose its notification).
// Conversions the same calls made are recorded with them, each after the change of its own call.
// Each part takes the whole batch at once, with the outcome of one entry at a time in order.
import type { HistoryEntry, NewNotification, StoreTx } from '../../store/port.js';
import { feedbackNotifications } from '../lifecycle/feedback-notification.js';
import { handOverMove } from '../lifecycle/hand-over.js';
import { applyMovesInOrder, type OrderedMove } from '../lifecycle/moves-in-order.js';
import type { ActiveScoring } from '../scoring/active-model.js';
import { enteredQualified, leadChanged, notificationsOf } from './notifications-of.js';
import { runSegmentActions } from './segment-actions.js';

/** A conversion, placed after the first `after` entries: those of the calls before its own, and its own call's. */
export interface PlacedConversion {
  after: number;
  move: OrderedMove;
}

/** One entry, or one conversion, in the order the calls came; with the lifecycle move it makes. */
type Slot = { entry: number; move: OrderedMove | null } | { entry: null; move: OrderedMove };

export async function recordChanges(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring,
  entries: readonly HistoryEntry[],
  conversions: readonly PlacedConversion[] = [],
): Promise<void> {
  if (entries.length === 0 && conversions.length === 0) return;
  const { compiled } = scoring;
  if (entries.length > 0) await tx.appendHistories(ws, entries);
  const slots: Slot[] = [];
  let next = 0;
  const conversionsUpTo = (after: number) => {
    for (; next < conversions.length && conversions[next]!.after <= after; next++)
      slots.push({ entry: null, move: conversions[next]!.move });
  };
  entries.forEach((entry, i) => {
    conversionsUpTo(i);
    // Entering a qualified segment hands the lead to sales (its lifecycle becomes MQL).
    const handOver = enteredQualified(compiled, entry) ? handOverMove(entry) : null;
    slots.push({ entry: i, move: handOver });
  });
  conversionsUpTo(entries.length);
  const moved = slots.filter((slot) => slot.move !== null);
  const recorded = await applyMovesInOrder(
    tx,
    ws,
    moved.map((slot) => slot.move!),
  );
  const lifecycleEntries = new Map(moved.map((slot, i) => [slot, recorded[i] ?? null]));
  const actions = await runSegmentActions(tx, ws, compiled, entries);
  const notifications: NewNotification[] = slots.flatMap((slot) => {
    if (slot.entry !== null) {
      const entry = entries[slot.entry]!;
      return [...notificationsOf(compiled, entry), ...actions[slot.entry]!, leadChanged(entry)];
    }
    const converted = lifecycleEntries.get(slot);
    return converted ? feedbackNotifications([converted]) : [];
  });
  if (notifications.length > 0) await tx.enqueueNotifications(ws, notifications);
}
