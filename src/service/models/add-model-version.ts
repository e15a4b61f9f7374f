// Storing a validated model as the workspace's next version (not active until activated), once
// what it names in the workspace (its actions' channels) is known to be there.
import type { Model } from '../../core/model-schema.js';
import type { JsonObject, Store } from '../../store/port.js';
import { noteAudit } from '../audit/audit-scope.js';
import { checkModelChannels, type LineOf } from './check-model-channels.js';

export async function addModelVersion(
  store: Store,
  ws: string,
  model: Model,
  now: number,
  /** Where the model came from, for its errors, and the lines of its text when it was text. */
  origin: { source: string; lineOf?: LineOf } = { source: 'model' },
  /** What changed and why, and who saves it (a user's e-mail or a key's name). */
  about: { note?: string | null; author?: string | null } = {},
): Promise<{ version: number; name: string }> {
  await checkModelChannels(store, ws, model, origin.source, origin.lineOf);
  // A validated model is JSON: it came from a JSON body or YAML text, as plain values.
  const version = await store.transaction(async (tx) => {
    const added = await tx.addModel(ws, model as unknown as JsonObject, now, about);
    noteAudit(`model:${added}`, { name: model.name, note: about.note ?? null });
    return added;
  });
  return { version, name: model.name };
}
