// Leads whose outcomes follow a known rule, for predictive tests on real stores: 30% VPs, who
// request demos more often and convert more; outcomes known for 80%.
import { createRng } from '../src/service/demo/synthetic-random.js';
import type { NewEvent, Store } from '../src/store/port.js';

const DAY = 86_400_000;
export const N = 400;

/** Leads: 30% VPs, who request demos more often and convert more; outcomes for 80%. */
export async function seedPredictiveLeads(store: Store, ws: string, T0: number) {
  const rng = createRng(5, 8);
  const events: NewEvent[] = [];
  const lifecycles = [];
  for (let i = 0; i < N; i++) {
    const id = `L${i}`;
    const vp = rng() < 0.3;
    await store.upsertLead(ws, id, { title: vp ? 'VP Sales' : 'Analyst' }, T0 - 90 * DAY);
    const demo = rng() < (vp ? 0.5 : 0.2);
    if (demo) {
      events.push({
        messageId: `${id}-demo`,
        leadId: id,
        anonymousId: null,
        type: 'track',
        name: 'Demo Requested',
        time: T0 - 50 * DAY,
        receivedAt: T0 - 50 * DAY,
        payload: { event: 'Demo Requested' },
      });
    }
    const p = 1 / (1 + Math.exp(-(-2 + (vp ? 2 : 0) + (demo ? 1 : 0))));
    const converted = rng() < p;
    if (rng() < 0.8) {
      lifecycles.push({
        leadId: id,
        stage: converted ? ('customer' as const) : ('lost' as const),
        since: T0 - 40 * DAY,
        handover: null,
      });
    }
  }
  await store.insertEvents(ws, events);
  await store.putLifecycles(ws, lifecycles);
}
