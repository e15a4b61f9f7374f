// The valid events of a batch run in typed arrays (lead, time, messageId hash, matched rules):
// filled by the reader threads, joined in file order, grouped per lead for scoring.
import type { RuleMatch } from '../../core/awards.js';
import { Growable } from './growable.js';

/** One reader's events; transferable between threads without copying. */
export interface EventColumns {
  count: number;
  lead: Uint32Array;
  time: Float64Array;
  /** messageHash of the messageId, 0 without one. */
  hash: Float64Array;
  /** Event i's rules are rules[ruleEnd[i-1] .. ruleEnd[i]) (from 0 for the first). */
  ruleEnd: Uint32Array;
  rules: Uint16Array;
  messageIds: (string | undefined)[] | undefined;
}

export class EventCollector {
  private readonly lead = new Growable(Uint32Array, 1 << 16);
  private readonly time = new Growable(Float64Array, 1 << 16);
  private readonly hash = new Growable(Float64Array, 1 << 16);
  private readonly ruleEnd = new Growable(Uint32Array, 1 << 16);
  private readonly rules = new Growable(Uint16Array, 1 << 16);
  private readonly messageIds: (string | undefined)[] | undefined;

  constructor(keepMessageIds: boolean) {
    this.messageIds = keepMessageIds ? [] : undefined;
  }

  add(
    lead: number,
    time: number,
    hash: number,
    rules: readonly { index: number }[],
    messageId: string | undefined,
  ): void {
    this.lead.push(lead);
    this.time.push(time);
    this.hash.push(hash);
    for (const rule of rules) this.rules.push(rule.index);
    this.ruleEnd.push(this.rules.length);
    this.messageIds?.push(messageId);
  }

  finish(): EventColumns {
    const n = this.lead.length;
    return {
      count: n,
      lead: this.lead.data.slice(0, n),
      time: this.time.data.slice(0, n),
      hash: this.hash.data.slice(0, n),
      ruleEnd: this.ruleEnd.data.slice(0, n),
      rules: this.rules.data.slice(0, this.rules.length),
      messageIds: this.messageIds,
    };
  }
}

export interface LeadEventCounts {
  duplicates: number;
  afterAsOf: number;
  unmatched: number;
  matched: number;
}

/** The events grouped per lead: lead i's events are order[offsets[i] .. offsets[i+1]). */
export interface GroupedEvents {
  columns: EventColumns;
  offsets: Uint32Array;
  order: Uint32Array;
}

export class EventTable {
  private readonly columns: EventColumns;
  private offsets: Uint32Array = new Uint32Array(1);
  private order: Uint32Array = new Uint32Array(0);
  private readonly seen = new Set<number>();

  /** Joins the readers' parts, which must come in file order. */
  constructor(parts: readonly EventColumns[]) {
    this.columns = join(parts);
  }

  /** A table already grouped elsewhere (by the thread that read the files). */
  static fromGrouped(grouped: GroupedEvents): EventTable {
    const table = new EventTable([grouped.columns]);
    table.offsets = grouped.offsets;
    table.order = grouped.order;
    return table;
  }

  /** What another thread needs to score some of the leads (messageIds stay here). */
  grouped(): GroupedEvents {
    return {
      columns: { ...this.columns, messageIds: undefined },
      offsets: this.offsets,
      order: this.order,
    };
  }

  /** Counting sort by lead, stable, so each lead's events stay in file order. */
  group(leadCount: number): void {
    const { lead, count } = this.columns;
    const offsets = new Uint32Array(leadCount + 1);
    for (let i = 0; i < count; i++) {
      const slot = (lead[i] as number) + 1;
      offsets[slot] = (offsets[slot] as number) + 1;
    }
    for (let i = 0; i < leadCount; i++)
      offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
    const cursor = offsets.slice(0, leadCount);
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      const l = lead[i] as number;
      order[cursor[l] as number] = i;
      cursor[l] = (cursor[l] as number) + 1;
    }
    this.offsets = offsets;
    this.order = order;
  }

  /**
   * One lead's rule matches (call `group` first): a messageId seen before in the lead's history
   * is a retry and is skipped (the first counts), then events after `asOf` are.
   */
  matchesOf(lead: number, asOf: number, counts: LeadEventCounts): RuleMatch[] {
    const { time, hash, ruleEnd, rules, messageIds } = this.columns;
    const matches: RuleMatch[] = [];
    const seen = this.seen;
    seen.clear();
    const end = this.offsets[lead + 1] as number;
    for (let k = this.offsets[lead] as number; k < end; k++) {
      const i = this.order[k] as number;
      const h = hash[i] as number;
      if (h !== 0) {
        if (seen.has(h)) {
          counts.duplicates++;
          continue;
        }
        seen.add(h);
      }
      const t = time[i] as number;
      if (t > asOf) {
        counts.afterAsOf++;
        continue;
      }
      const from = i === 0 ? 0 : (ruleEnd[i - 1] as number);
      const to = ruleEnd[i] as number;
      if (from === to) {
        counts.unmatched++;
        continue;
      }
      counts.matched++;
      const messageId = messageIds?.[i];
      for (let r = from; r < to; r++)
        matches.push({ rule: rules[r] as number, time: t, messageId });
    }
    return matches;
  }
}

function join(parts: readonly EventColumns[]): EventColumns {
  if (parts.length === 1 && parts[0]) return parts[0];
  const count = parts.reduce((n, p) => n + p.count, 0);
  const ruleCount = parts.reduce((n, p) => n + p.rules.length, 0);
  const out: EventColumns = {
    count,
    lead: new Uint32Array(count),
    time: new Float64Array(count),
    hash: new Float64Array(count),
    ruleEnd: new Uint32Array(count),
    rules: new Uint16Array(ruleCount),
    messageIds: parts.some((p) => p.messageIds) ? [] : undefined,
  };
  let at = 0;
  let ruleAt = 0;
  for (const p of parts) {
    out.lead.set(p.lead, at);
    out.time.set(p.time, at);
    out.hash.set(p.hash, at);
    out.rules.set(p.rules, ruleAt);
    for (let i = 0; i < p.count; i++) out.ruleEnd[at + i] = (p.ruleEnd[i] as number) + ruleAt;
    if (out.messageIds) for (let i = 0; i < p.count; i++) out.messageIds.push(p.messageIds?.[i]);
    at += p.count;
    ruleAt += p.rules.length;
  }
  return out;
}
