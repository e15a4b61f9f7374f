// Conversion events: when the model names one (`conversions.event`, e.g. Order Completed), each
// such event ingested for a lead records a converted outcome with the value it carries.
import { eventKey, type CompiledModel } from '../../core/compile-model.js';
import { compileFieldReader } from '../../core/fields.js';
import type { LeadLifecycle, NewLifecycleEntry, StoreTx } from '../../store/port.js';
import { applyMove, lifecyclesOf, saveMoves } from './apply-move.js';
import { feedbackNotifications } from './feedback-notification.js';

export const DEFAULT_VALUE_FIELD = 'properties.revenue';
export const DEFAULT_CURRENCY_FIELD = 'properties.currency';

/** An ingested track or page call, as the ingestion run has it. */
export interface ConversionCall {
  message: { event: string; properties: object; context: object };
  messageId: string;
  leadId: string | null;
  time: number;
}

/**
 * Records the conversions among the calls stored now (`stored[i].inserted`), in the ingestion's
 * transaction: one read of the leads' stages, one append, one upsert, their notifications.
 * Nothing at all when the model names no conversion event.
 */
export async function recordConversions(
  tx: StoreTx,
  ws: string,
  compiled: CompiledModel,
  calls: readonly ConversionCall[],
  stored: readonly { inserted: boolean }[],
): Promise<void> {
  const config = compiled.model.conversions;
  if (!config) return;
  const key = eventKey(config.event);
  const matches = calls.filter(
    (call, i) =>
      stored[i]?.inserted === true && call.leadId !== null && eventKey(call.message.event) === key,
  );
  if (matches.length === 0) return;
  const readValue = compileFieldReader(config.valueField ?? DEFAULT_VALUE_FIELD);
  const readCurrency = compileFieldReader(config.currencyField ?? DEFAULT_CURRENCY_FIELD);
  const leadIds = [...new Set(matches.map((c) => c.leadId as string))];
  const states = await lifecyclesOf(tx, ws, leadIds, Math.min(...matches.map((c) => c.time)));
  const moves: { entry: NewLifecycleEntry; state: LeadLifecycle }[] = [];
  for (const call of matches) {
    const state = states.get(call.leadId as string);
    if (!state) continue;
    const move = applyMove(
      state,
      { type: 'convert' },
      {
        cause: 'event',
        causeRef: call.messageId,
        actor: null,
        at: call.time,
        value: amountOf(readValue(call.message)),
        currency: currencyOf(readCurrency(call.message)),
      },
    );
    // A purchase is a fact: the rules take a conversion from any stage.
    if (!move.ok) continue;
    states.set(state.leadId, move.state);
    moves.push(move);
  }
  await saveMoves(tx, ws, moves);
  const notifications = feedbackNotifications(moves.map((m) => m.entry));
  if (notifications.length > 0) await tx.enqueueNotifications(ws, notifications);
}

/** A finite number, or a string that is one (`"49.90"`); anything else is no value. */
function amountOf(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function currencyOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : null;
}
