// One lead's row of features, the same for training over stored leads and for predicting one
// lead: scalar traits (nested ones as `company.industry`), event counts as `did: <event>`, the
// channel it came from, and its segment now.
import { isRecord } from '../../core/fields.js';
import { DID } from '../../ml/count-columns.js';
import type { JsonObject } from '../../store/port.js';

export const TARGET = 'converted';
export const CHANNEL = 'channel';
export const SEGMENT = 'segment';
/** Count columns are named `did: <event>` (ml/count-columns.ts). */
export { DID };
/** Traits that name a lead rather than describe it. */
const IDENTIFYING = new Set([
  'id',
  'name',
  'email',
  'first_name',
  'last_name',
  'firstName',
  'lastName',
  'phone',
  'address',
]);
/** Traits that say where a lead came from, in order of preference. */
const SOURCE_TRAITS = ['utm_source', 'source', 'lead_source', 'leadSource'];

export interface LeadFacts {
  traits: JsonObject;
  /** Tracked events by name. */
  counts: ReadonlyMap<string, number> | undefined;
  /** The channel of its first event's Segment campaign context, if any. */
  firstTouch: string | undefined;
  segment: string | undefined;
}

/** Scalar traits flattened one level: `{ company: { size: 5 } }` -> `company.size`. */
export function flatTraits(traits: JsonObject): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(traits)) {
    if (IDENTIFYING.has(key)) continue;
    if (isRecord(value)) {
      for (const [inner, v] of Object.entries(value))
        if (inner !== 'name' && v !== null && typeof v !== 'object')
          flat.set(`${key}.${inner}`, String(v));
    } else if (value !== null && typeof value !== 'object') flat.set(key, String(value));
  }
  return flat;
}

/** The first-touch channel from an event's Segment context: `campaign.source / campaign.medium`. */
export function channelOfContext(payload: JsonObject): string | undefined {
  const context = payload.context;
  if (!isRecord(context) || !isRecord(context.campaign)) return undefined;
  const { source, medium } = context.campaign;
  if (typeof source !== 'string' || source === '') return undefined;
  return typeof medium === 'string' && medium !== '' ? `${source} / ${medium}` : source;
}

/** The values of the given columns for a lead ('' where it has none). */
export function featureRow(facts: LeadFacts, columns: readonly string[]): string[] {
  const traits = flatTraits(facts.traits);
  const source = SOURCE_TRAITS.map((t) => facts.traits[t]).find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return columns.map((column) => {
    if (column.startsWith(DID)) return String(facts.counts?.get(column.slice(DID.length)) ?? 0);
    if (column === CHANNEL) return source ?? facts.firstTouch ?? '(direct)';
    if (column === SEGMENT) return facts.segment ?? '(unscored)';
    return traits.get(column) ?? '';
  });
}
