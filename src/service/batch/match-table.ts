// The rule matches of a batch run's events, in typed arrays, grouped per lead on demand.
import type { RuleMatch } from '../../core/awards.js';
import { Growable } from './growable.js';

export class MatchTable {
  private readonly lead = new Growable(Uint32Array, 1 << 16);
  private readonly time = new Growable(Float64Array, 1 << 16);
  private readonly rule = new Growable(Uint16Array, 1 << 16);
  private readonly seq = new Growable(Uint32Array, 1 << 16);
  /** messageId per event sequence number, kept only when explaining. */
  private readonly messageIds: (string | undefined)[] | undefined;
  private events = 0;
  private offsets: Uint32Array | undefined;
  private order: Uint32Array | undefined;

  constructor(keepMessageIds: boolean) {
    this.messageIds = keepMessageIds ? [] : undefined;
  }

  get size(): number {
    return this.lead.length;
  }

  /** Records one event's matches (one rule index each). */
  addEvent(
    lead: number,
    time: number,
    rules: readonly number[],
    messageId: string | undefined,
  ): void {
    const seq = this.events++;
    this.messageIds?.push(messageId);
    for (const rule of rules) {
      this.lead.push(lead);
      this.time.push(time);
      this.rule.push(rule);
      this.seq.push(seq);
    }
  }

  /** Counting sort by lead, stable, so each lead's matches stay in input order. */
  group(leadCount: number): void {
    const offsets = new Uint32Array(leadCount + 1);
    const n = this.lead.length;
    const leads = this.lead.data;
    for (let i = 0; i < n; i++) {
      const slot = (leads[i] as number) + 1;
      offsets[slot] = (offsets[slot] as number) + 1;
    }
    for (let i = 0; i < leadCount; i++)
      offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
    const cursor = offsets.slice(0, leadCount);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const l = leads[i] as number;
      order[cursor[l] as number] = i;
      cursor[l] = (cursor[l] as number) + 1;
    }
    this.offsets = offsets;
    this.order = order;
  }

  /** The matches of one lead, in input order (call `group` first). */
  matchesOf(lead: number): RuleMatch[] {
    if (!this.offsets || !this.order)
      throw new Error('MatchTable.group() must run before matchesOf()');
    const start = this.offsets[lead] as number;
    const end = this.offsets[lead + 1] as number;
    const matches: RuleMatch[] = new Array<RuleMatch>(end - start);
    for (let k = start; k < end; k++) {
      const i = this.order[k] as number;
      matches[k - start] = {
        rule: this.rule.at(i),
        time: this.time.at(i),
        messageId: this.messageIds?.[this.seq.at(i)],
      };
    }
    return matches;
  }
}
