// The leads whose outcome is known, from their lifecycle: a customer converted; a lost or
// disqualified lead did not. The moment is when it entered that stage.
import type { Store } from '../../store/port.js';

export interface KnownOutcome {
  converted: boolean;
  at: number;
}

const CHUNK = 1000;

export async function knownOutcomes(
  store: Store,
  ws: string,
  leadIds: readonly string[],
): Promise<Map<string, KnownOutcome>> {
  const known = new Map<string, KnownOutcome>();
  for (let i = 0; i < leadIds.length; i += CHUNK) {
    const lifecycles = await store.getLifecycles(ws, leadIds.slice(i, i + CHUNK));
    for (const [id, { stage, since }] of lifecycles) {
      if (stage === 'customer') known.set(id, { converted: true, at: since });
      else if (stage === 'lost' || stage === 'disqualified')
        known.set(id, { converted: false, at: since });
    }
  }
  return known;
}
