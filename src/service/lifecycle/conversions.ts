// Conversion events: when the model names one (`conversions.event`, e.g. Order Completed), each
// such event ingested for a lead records a converted outcome with the value it carries.
import { eventKey, type CompiledModel } from '../../core/compile-model.js';
import { compileFieldReader } from '../../core/fields.js';
import type { OrderedMove } from './moves-in-order.js';

export const DEFAULT_VALUE_FIELD = 'properties.revenue';
export const DEFAULT_CURRENCY_FIELD = 'properties.currency';

/** A track or page call stored now for a lead, as the ingestion run has it. */
export interface ConversionCall {
  message: { event: string; properties: object; context: object };
  messageId: string;
  leadId: string;
  time: number;
}

/** For a call stored now, the move it makes (converted, from any stage), or null. */
export type ConversionOf = (call: ConversionCall) => OrderedMove | null;

const checks = new WeakMap<CompiledModel, ConversionOf | null>();

/** The model's conversion check, made once per compiled model; undefined when it names none. */
export function conversionsOf(compiled: CompiledModel): ConversionOf | undefined {
  let check = checks.get(compiled);
  if (check === undefined) {
    check = conversionCheck(compiled);
    checks.set(compiled, check);
  }
  return check ?? undefined;
}

function conversionCheck(compiled: CompiledModel): ConversionOf | null {
  const config = compiled.model.conversions;
  if (!config) return null;
  const key = eventKey(config.event);
  const readValue = compileFieldReader(config.valueField ?? DEFAULT_VALUE_FIELD);
  const readCurrency = compileFieldReader(config.currencyField ?? DEFAULT_CURRENCY_FIELD);
  return (call) => {
    if (eventKey(call.message.event) !== key) return null;
    return {
      leadId: call.leadId,
      // A purchase is a fact: the rules take a conversion from any stage.
      action: { type: 'convert' },
      context: {
        cause: 'event',
        causeRef: call.messageId,
        actor: null,
        at: call.time,
        value: amountOf(readValue(call.message)),
        currency: currencyOf(readCurrency(call.message)),
      },
    };
  };
}

/** A finite number, or a string that is one (`"49.90"`); anything else is no value. */
function amountOf(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function currencyOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : null;
}
