// Storing a validated model as the workspace's next version (not active until activated).
import type { Model } from '../../core/model-schema.js';
import type { JsonObject, Store } from '../../store/port.js';

export async function addModelVersion(
  store: Store,
  ws: string,
  model: Model,
  now: number,
): Promise<{ version: number; name: string }> {
  // A validated model is JSON: it came from a JSON body or YAML text, as plain values.
  const version = await store.addModel(ws, model as unknown as JsonObject, now);
  return { version, name: model.name };
}
