// Storing a validated model as the workspace's next version (not active until activated).
import type { Model } from '../../core/model-schema.js';
import type { JsonObject, Store } from '../../store/port.js';
import { noteAudit } from '../audit/audit-scope.js';

export async function addModelVersion(
  store: Store,
  ws: string,
  model: Model,
  now: number,
): Promise<{ version: number; name: string }> {
  // A validated model is JSON: it came from a JSON body or YAML text, as plain values.
  const version = await store.transaction(async (tx) => {
    const added = await tx.addModel(ws, model as unknown as JsonObject, now);
    noteAudit(`model:${added}`, { name: model.name });
    return added;
  });
  return { version, name: model.name };
}
