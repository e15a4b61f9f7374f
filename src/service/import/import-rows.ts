// One row of each kind of import file, parsed from its mapped values: a company, a lead, an
// event (with a stable messageId when the file gives none) or an outcome, or why not.
import { createHash } from 'node:crypto';
import type { ScoringEvent } from '../../core/event.js';
import { eventFromCsvRecord } from '../../ingest/csv-event.js';
import { eventFromSegment } from '../../ingest/segment-event.js';
import { parseTimestamp } from '../../ingest/timestamp.js';
import { nestPaths, type TypedValue } from './map-columns.js';

export interface CompanyRow {
  id: string;
  traits: Record<string, unknown>;
}

export interface LeadRow {
  id: string;
  /** From a `company_id` or `company.id` column; undefined when the row names none. */
  companyId: string | undefined;
  traits: Record<string, unknown>;
}

export interface EventRow {
  leadId: string;
  anonymousId: string | null;
  type: 'track' | 'page';
  event: ScoringEvent & { messageId: string };
}

export interface OutcomeRow {
  leadId: string;
  outcome: 'converted' | 'lost';
  at: number;
  value: number | null;
  currency: string | null;
  reason: string | null;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const text = (v: TypedValue | undefined) => (v === undefined ? '' : String(v).trim());

export function companyOf(values: Record<string, TypedValue>): RowResult<CompanyRow> {
  const { id, ...rest } = values;
  if (text(id) === '') return { ok: false, reason: 'no id' };
  return { ok: true, value: { id: text(id), traits: nestPaths(rest) } };
}

export const LEAD_COMPANY_COLUMNS = ['company_id', 'company.id'] as const;

export function leadOf(values: Record<string, TypedValue>): RowResult<LeadRow> {
  const { id, company_id: companyId, 'company.id': companyDotId, ...rest } = values;
  if (text(id) === '') return { ok: false, reason: 'no id' };
  const a = text(companyId);
  const b = text(companyDotId);
  if (a !== '' && b !== '' && a !== b)
    return { ok: false, reason: `company_id "${a}" and company.id "${b}" differ` };
  return {
    ok: true,
    value: { id: text(id), companyId: a || b || undefined, traits: nestPaths(rest) },
  };
}

/** An events CSV record (mapped names, typed values), read as `leadscore score` reads it. */
export function csvEventOf(values: Record<string, TypedValue>): RowResult<EventRow> {
  const strings: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) strings[k] = String(v);
  const parsed = eventFromCsvRecord(strings);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { leadId, event } = parsed.value;
  // Typed columns (a mapping's number, boolean) keep their type in the event.
  const typed: Record<string, TypedValue> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v !== 'string') typed[k] = v;
  Object.assign(event, nestInto(event, typed));
  return { ok: true, value: withId({ leadId, anonymousId: null, type: 'track', event }) };
}

function nestInto(event: ScoringEvent, typed: Record<string, TypedValue>): ScoringEvent {
  const nested = nestPaths(typed);
  for (const [k, v] of Object.entries(nested)) {
    const current = event[k];
    event[k] =
      typeof v === 'object' && typeof current === 'object' && current !== null
        ? deepMerge(current as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return event;
}

function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const c = out[k];
    out[k] =
      typeof v === 'object' && v !== null && typeof c === 'object' && c !== null
        ? deepMerge(c as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** A Segment call (one NDJSON line, parsed), read as `leadscore score` reads it. */
export function segmentEventOf(message: unknown): RowResult<EventRow> {
  const type =
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'page'
      ? 'page'
      : 'track';
  const anonymous =
    typeof message === 'object' && message !== null
      ? (message as { anonymousId?: unknown }).anonymousId
      : undefined;
  const parsed = eventFromSegment(message);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { leadId, event } = parsed.value;
  return {
    ok: true,
    value: withId({
      leadId,
      anonymousId: typeof anonymous === 'string' && anonymous !== '' ? anonymous : null,
      type,
      event,
    }),
  };
}

/**
 * An event without a messageId gets one from its lead, name, time and the rest of it, so that
 * importing the same file again finds it stored.
 */
function withId(row: Omit<EventRow, 'event'> & { event: ScoringEvent }): EventRow {
  const { event } = row;
  if (typeof event.messageId === 'string' && event.messageId !== '') return row as EventRow;
  const digest = createHash('sha256')
    .update(JSON.stringify([row.leadId, event.event, event.time, sortedJson(event)]))
    .digest('base64url')
    .slice(0, 32);
  event.messageId = `import-${digest}`;
  return row as EventRow;
}

/** JSON with object keys sorted: the same content in another column order is the same event. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortedJson((value as Record<string, unknown>)[key]);
  return out;
}

export const OUTCOME_REQUIRED = ['lead_id', 'outcome', 'at'] as const;

export function outcomeOf(values: Record<string, TypedValue>, now: number): RowResult<OutcomeRow> {
  const leadId = text(values.lead_id);
  if (leadId === '') return { ok: false, reason: 'lead_id is empty' };
  const outcome = text(values.outcome).toLowerCase();
  if (outcome !== 'converted' && outcome !== 'lost')
    return { ok: false, reason: `outcome "${text(values.outcome)}" is not converted or lost` };
  const stamp = parseTimestamp(text(values.at) === '' ? undefined : text(values.at));
  if (!stamp.ok) return { ok: false, reason: `at: ${stamp.reason}` };
  if (stamp.time > now) return { ok: false, reason: 'at: an outcome cannot be in the future' };
  let value: number | null = null;
  if (text(values.value) !== '') {
    value = Number(text(values.value));
    if (!Number.isFinite(value) || value < 0)
      return { ok: false, reason: `value "${text(values.value)}" is not a number of 0 or more` };
  }
  const currency = text(values.currency) === '' ? null : text(values.currency);
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    return { ok: false, reason: `currency "${currency}": expected an ISO 4217 code such as EUR` };
  const reason = text(values.reason) === '' ? null : text(values.reason);
  if (reason !== null && reason.length > 500)
    return { ok: false, reason: 'reason: at most 500 characters' };
  if (outcome === 'lost' && reason === null)
    return { ok: false, reason: 'reason: a lost outcome needs one' };
  if (outcome === 'lost' && (value !== null || currency !== null))
    return { ok: false, reason: 'value and currency are for converted outcomes only' };
  return { ok: true, value: { leadId, outcome, at: stamp.time, value, currency, reason } };
}
