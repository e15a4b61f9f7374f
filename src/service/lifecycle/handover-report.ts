// The hand-over report: for the hand-overs to sales made in a period, per qualifying segment, how
// many sales accepted, rejected (by reason) and converted, and how long acceptance took.
import { z } from 'zod';
import type { LifecycleEntry, StoreTx } from '../../store/port.js';

const HOUR_MS = 3_600_000;
const count = z.number().int().nonnegative();
const hours = z.number().nullable();

export const handoverFiguresSchema = z.object({
  segment: z.string().describe('The qualified segment the leads were handed over from'),
  handedOver: count.describe('Hand-overs in the period (a lead handed over twice counts twice)'),
  accepted: count.describe('Of those, accepted by sales'),
  rejected: z
    .object({
      total: count,
      byReason: z.record(z.string(), count).describe('Rejections per reason as given'),
    })
    .describe('Of those, rejected by sales'),
  pending: count.describe('Of those, neither accepted nor rejected yet'),
  converted: count.describe('Of those, converted since (at any stage, whatever sales said)'),
  convertedValue: z
    .number()
    .describe('The sum of their conversion values, every purchase, currencies not converted'),
  medianHoursToAcceptance: hours.describe('Median hours from hand-over to acceptance'),
  p90HoursToAcceptance: hours.describe('90th percentile of the hours from hand-over to acceptance'),
});

export type HandoverFigures = z.infer<typeof handoverFiguresSchema>;

interface Tally {
  segment: string;
  handedOver: boolean;
  acceptedAt: number | null;
  at: number;
  rejectedFor: string | null;
  converted: boolean;
  value: number;
}

/**
 * The figures per segment (in segment order) from the entries counted against the period's
 * hand-overs (what the store's listHandoverEntries reads): a hand-over's outcome is whatever
 * happened to it since, up to now.
 */
export function handoverReport(entries: readonly LifecycleEntry[]): HandoverFigures[] {
  const handovers = new Map<string, Tally>();
  for (const e of entries) {
    if (!e.handover) continue;
    const key = `${e.leadId}\u0000${e.handover.at}\u0000${e.handover.segment}`;
    let tally = handovers.get(key);
    if (!tally) {
      tally = {
        segment: e.handover.segment,
        handedOver: false,
        acceptedAt: null,
        at: e.handover.at,
        rejectedFor: null,
        converted: false,
        value: 0,
      };
      handovers.set(key, tally);
    }
    if (e.kind === 'handed_over') tally.handedOver = true;
    if (e.kind === 'accepted') tally.acceptedAt ??= e.at;
    if (e.kind === 'rejected') tally.rejectedFor ??= e.reason?.trim() || 'unspecified';
    if (e.kind === 'converted') {
      tally.converted = true;
      tally.value += e.value ?? 0;
    }
  }
  const bySegment = new Map<string, Tally[]>();
  for (const tally of handovers.values()) {
    if (!tally.handedOver) continue;
    const list = bySegment.get(tally.segment) ?? [];
    list.push(tally);
    bySegment.set(tally.segment, list);
  }
  return [...bySegment.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, tallies]) => figuresOf(segment, tallies));
}

function figuresOf(segment: string, tallies: readonly Tally[]): HandoverFigures {
  const byReason: Record<string, number> = {};
  const waits: number[] = [];
  let rejected = 0;
  let pending = 0;
  for (const t of tallies) {
    if (t.acceptedAt !== null) waits.push((t.acceptedAt - t.at) / HOUR_MS);
    if (t.rejectedFor !== null) {
      rejected += 1;
      byReason[t.rejectedFor] = (byReason[t.rejectedFor] ?? 0) + 1;
    }
    if (t.acceptedAt === null && t.rejectedFor === null) pending += 1;
  }
  const converted = tallies.filter((t) => t.converted);
  return {
    segment,
    handedOver: tallies.length,
    accepted: waits.length,
    rejected: { total: rejected, byReason },
    pending,
    converted: converted.length,
    convertedValue: converted.reduce((sum, t) => sum + t.value, 0),
    medianHoursToAcceptance: percentile(waits, 0.5),
    p90HoursToAcceptance: percentile(waits, 0.9),
  };
}

/** Linear interpolation between the closest ranks (PostgreSQL's percentile_cont); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (position - low);
}

/** The report for hand-overs made in [from, to). */
export async function handoverReportOf(
  tx: Pick<StoreTx, 'listHandoverEntries'>,
  ws: string,
  period: { from: number; to: number },
): Promise<HandoverFigures[]> {
  return handoverReport(await tx.listHandoverEntries(ws, period));
}
