// Conversion among the leads that reached each segment (before their outcome), and the funnel of
// each channel: its leads, their average score now, the share that reached each segment, its
// conversions, and with a cost what a lead and a conversion cost.
import { liftOver, rateOf, type Rate } from '../../analytics/rate.js';
import type { SegmentReach } from '../../store/port.js';
import type { KnownOutcome } from '../backtest/known-outcomes.js';

export interface SegmentReachRow extends Rate {
  segment: string;
  lift: number;
}

export interface ChannelFunnelRow extends Rate {
  channel: string;
  /** Every lead of the channel; `leads` (from Rate) counts those with a known outcome. */
  allLeads: number;
  averageScore: number | null;
  /** Share of the channel's leads that ever reached each segment. */
  reached: Record<string, number>;
  cost?: number;
  costPerLead?: number;
  costPerConversion?: number;
}

/** Segment -> the leads in it at some point before their outcome (any time for open ones). */
function reachedBy(
  reaches: readonly SegmentReach[],
  outcomes: ReadonlyMap<string, KnownOutcome>,
  known: boolean,
): Map<string, Set<string>> {
  const by = new Map<string, Set<string>>();
  for (const r of reaches) {
    const outcome = outcomes.get(r.leadId);
    if (known && (!outcome || r.at >= outcome.at)) continue;
    let leads = by.get(r.segment);
    if (!leads) by.set(r.segment, (leads = new Set()));
    leads.add(r.leadId);
  }
  return by;
}

export function segmentReachTable(
  segments: readonly string[],
  reaches: readonly SegmentReach[],
  outcomes: ReadonlyMap<string, KnownOutcome>,
  base: Rate,
): SegmentReachRow[] {
  const by = reachedBy(reaches, outcomes, true);
  return segments.map((segment) => {
    const leads = [...(by.get(segment) ?? [])];
    const rate = rateOf(leads.filter((id) => outcomes.get(id)!.converted).length, leads.length);
    return { segment, ...rate, lift: liftOver(rate, base) };
  });
}

export function channelFunnel(
  leads: readonly { id: string; channel: string; score: number | null }[],
  segments: readonly string[],
  reaches: readonly SegmentReach[],
  outcomes: ReadonlyMap<string, KnownOutcome>,
  costs: ReadonlyMap<string, number> = new Map(),
): ChannelFunnelRow[] {
  const ever = reachedBy(reaches, outcomes, false);
  const groups = new Map<string, typeof leads>();
  for (const lead of leads) groups.set(lead.channel, [...(groups.get(lead.channel) ?? []), lead]);
  const rows = [...groups].map(([channel, members]): ChannelFunnelRow => {
    const scored = members.filter((m) => m.score !== null);
    const known = members.filter((m) => outcomes.has(m.id));
    const conversions = known.filter((m) => outcomes.get(m.id)!.converted).length;
    const reached: Record<string, number> = {};
    for (const segment of segments) {
      const inIt = ever.get(segment);
      reached[segment] = members.filter((m) => inIt?.has(m.id)).length / members.length;
    }
    const cost = costs.get(channel);
    return {
      channel,
      allLeads: members.length,
      averageScore:
        scored.length === 0 ? null : scored.reduce((s, m) => s + m.score!, 0) / scored.length,
      reached,
      ...rateOf(conversions, known.length),
      ...(cost === undefined
        ? {}
        : {
            cost,
            costPerLead: cost / members.length,
            ...(conversions > 0 ? { costPerConversion: cost / conversions } : {}),
          }),
    };
  });
  return rows.sort((a, b) => b.allLeads - a.allLeads || (a.channel < b.channel ? -1 : 1));
}
