// How one model's scores rank leads with known outcomes: ROC AUC, lift in the top 10%, and the
// conversion rate in each segment (in the model's order).
import { lift, rocAuc } from '../ml/metrics.js';

export interface RankedLead {
  converted: boolean;
  score: number;
  segment: string;
}

export interface ModelRanking {
  auc: number | null;
  liftTop10: number | null;
  bySegment: { segment: string; leads: number; converted: number; rate: number | null }[];
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function modelRanking(
  leads: readonly RankedLead[],
  segments: readonly string[],
): ModelRanking {
  const labels = Uint8Array.from(leads, (l) => (l.converted ? 1 : 0));
  const scores = Float64Array.from(leads, (l) => l.score);
  const counts = new Map(segments.map((s) => [s, { leads: 0, converted: 0 }]));
  for (const lead of leads) {
    let count = counts.get(lead.segment);
    if (!count) counts.set(lead.segment, (count = { leads: 0, converted: 0 }));
    count.leads++;
    if (lead.converted) count.converted++;
  }
  const hasBoth = labels.includes(1) && labels.includes(0);
  return {
    auc: hasBoth ? finite(rocAuc(labels, scores)) : null,
    liftTop10: hasBoth ? finite(lift(labels, scores, 0.1)) : null,
    bySegment: [...counts].map(([segment, c]) => ({
      segment,
      ...c,
      rate: c.leads > 0 ? c.converted / c.leads : null,
    })),
  };
}
