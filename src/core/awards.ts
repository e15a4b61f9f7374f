// Replay of caps: what each matched event is awarded, taking a rule's events in time order.
import type { CompiledModel } from './compile-model.js';

export interface RuleMatch {
  /** Index of the rule in the model. */
  rule: number;
  /** Event time, epoch ms. */
  time: number;
  messageId?: string | undefined;
}

interface CapWindow {
  times: number[];
  amounts: number[];
  left: number;
  used: number;
}

export interface Award extends RuleMatch {
  /** Points after the cap, with the sign of the rule's points. */
  afterCap: number;
}

/**
 * Awards for matches already in (time, input) order. An event gets min(|points|, cap - used),
 * never below 0, where `used` sums |awards| of this rule's earlier events in (t - days, t], or of
 * all earlier events for a lifetime cap.
 */
export function awardMatches(compiled: CompiledModel, matches: readonly RuleMatch[]): Award[] {
  // Made on first use: most leads touch few capped rules, and this runs a million times a batch.
  const windows: (CapWindow | undefined)[] = [];
  const awards: Award[] = new Array<Award>(matches.length);
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i] as RuleMatch;
    const rule = compiled.rules[match.rule];
    if (!rule) throw new RangeError(`match ${i} names rule ${match.rule}, which the model lacks`);
    let afterCap = rule.points;
    if (rule.cap) {
      let w = windows[match.rule];
      if (w === undefined) {
        w = { times: [], amounts: [], left: 0, used: 0 };
        windows[match.rule] = w;
      }
      if (rule.cap.windowMs !== undefined) {
        const start = match.time - rule.cap.windowMs;
        while (w.left < w.times.length && (w.times[w.left] as number) <= start) {
          w.used -= w.amounts[w.left] as number;
          w.left++;
        }
      }
      const size = Math.max(0, Math.min(Math.abs(rule.points), rule.cap.points - w.used));
      afterCap = rule.points < 0 ? -size : size;
      w.used += size;
      if (rule.cap.windowMs !== undefined) {
        w.times.push(match.time);
        w.amounts.push(size);
      }
    }
    awards[i] = { rule: match.rule, time: match.time, messageId: match.messageId, afterCap };
  }
  return awards;
}

/** Sorts matches by time, keeping input order among equal times (the sort is stable). */
export function inTimeOrder<T extends { time: number }>(matches: T[]): T[] {
  return matches.sort((a, b) => a.time - b.time);
}
