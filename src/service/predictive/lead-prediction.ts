// The active predictive model's view of one lead, shown beside its score: the probability to
// convert, its band, and the factors pushing it up and down. Features are built as for training
// (see analytics/lead-features.ts), from the lead's traits and its stored events.
import type { Artifact } from '../../ml/artifact-schema.js';
import { predictRows, type Factor } from '../../ml/predict.js';
import type { JsonObject, Store } from '../../store/port.js';
import { channelOfContext, featureRow } from '../analytics/lead-features.js';
import { predictiveDocumentSchema } from './predictive-document.js';

export interface LeadPrediction {
  version: number;
  kind: string;
  probability: number;
  band: string;
  up: Factor[];
  down: Factor[];
}

/** Versions never change once stored: each is parsed once per store. */
const parsed = new WeakMap<Store, Map<string, Artifact>>();

export function artifactOf(store: Store, ws: string, version: number, json: JsonObject): Artifact {
  let known = parsed.get(store);
  if (!known) parsed.set(store, (known = new Map()));
  const key = `${ws}\u0000${version}`;
  let artifact = known.get(key);
  if (!artifact) {
    artifact = predictiveDocumentSchema.parse(json).artifact;
    known.set(key, artifact);
  }
  return artifact;
}

export async function leadPrediction(
  store: Store,
  ws: string,
  lead: { id: string; traits: JsonObject; segment: string | null },
): Promise<LeadPrediction | null> {
  const active = await store.activePredictiveModel(ws);
  if (!active) return null;
  const artifact = artifactOf(store, ws, active.version, active.document);
  const counts = new Map<string, number>();
  let firstTouch: string | undefined;
  for (const event of await store.eventsOfLead(ws, lead.id)) {
    firstTouch ??= channelOfContext(event.payload);
    if (event.type === 'track') counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
  }
  const columns = artifact.encoding.columns.map((c) => c.name);
  const row = featureRow(
    { traits: lead.traits, counts, firstTouch, segment: lead.segment ?? undefined },
    columns,
  );
  const [prediction] = predictRows(
    artifact,
    {
      source: `lead ${lead.id}`,
      columns,
      rows: [row],
      lines: [2],
      rejects: [],
      order: [{ row: 0 }],
    },
    3,
  );
  return { version: active.version, kind: artifact.model.kind, ...prediction! };
}
