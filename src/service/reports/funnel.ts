// The conversion funnel: leads and customers (lifecycle stage `customer`) in all, per scoring
// stage and per segment, counted by the store in SQL; rates are customers per lead.
import { STAGES } from '../../core/model-schema.js';
import type { FunnelCounts, Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { inModelOrder, segmentIds } from './model-order.js';

interface Counts {
  leads: number;
  converted: number;
  rate: number;
}

export interface FunnelReport extends Omit<Counts, 'rate'> {
  stages: ({ stage: (typeof STAGES)[number] } & Counts)[];
  segments: ({ segment: string } & Counts)[];
}

const rateOf = (leads: number, converted: number) => (leads === 0 ? 0 : converted / leads);

type Group = FunnelCounts['groups'][number];

/** The groups' counts added up per key, with their rate. */
function totals<K>(groups: readonly Group[], keyOf: (group: Group) => K): Map<K, Counts> {
  const found = new Map<K, Counts>();
  for (const g of groups) {
    const t = found.get(keyOf(g)) ?? { leads: 0, converted: 0, rate: 0 };
    t.leads += g.leads;
    t.converted += g.converted;
    t.rate = rateOf(t.leads, t.converted);
    found.set(keyOf(g), t);
  }
  return found;
}

/** The counts and the active model read in one transaction, so they agree. */
export async function funnelReport(
  store: Store,
  models: ActiveModels,
  ws: string,
): Promise<FunnelReport> {
  const { counts, model } = await store.transaction(async (tx) => ({
    counts: await tx.funnelCounts(ws),
    model: (await models.get(tx, ws))?.compiled.model,
  }));
  const none = { leads: 0, converted: 0, rate: 0 };
  const byStage = totals(counts.groups, (g) => g.stage);
  const bySegment = totals(counts.groups, (g) => g.segment);
  const stages = STAGES.map((stage) => ({ stage, ...(byStage.get(stage) ?? none) }));
  const segments = inModelOrder(
    [...bySegment].map(([segment, t]) => ({ segment, ...t })),
    (r) => r.segment,
    segmentIds(model),
    (segment) => ({ segment, ...none }),
  );
  return { leads: counts.leads, converted: counts.converted, stages, segments };
}
