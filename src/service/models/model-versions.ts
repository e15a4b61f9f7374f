// The workspace's stored model versions, each marked active or not, for the model list and
// one version's page.
import { StoreError, type JsonObject, type Store } from '../../store/port.js';

export interface ModelVersionSummary {
  version: number;
  name: string;
  createdAt: number;
  active: boolean;
}

/** Oldest first, with the active version (null when none is). */
export async function listModelVersions(
  store: Store,
  ws: string,
): Promise<{ active: number | null; items: ModelVersionSummary[] }> {
  const [versions, active] = await Promise.all([store.listModels(ws), store.activeModel(ws)]);
  return {
    active: active?.version ?? null,
    items: versions.map((m) => ({
      version: m.version,
      // Stored specs passed validation, so `name` is a string.
      name: String(m.spec.name),
      createdAt: m.createdAt,
      active: m.version === active?.version,
    })),
  };
}

/** Throws StoreError 'not_found' for a version the workspace does not have. */
export async function getModelVersion(
  store: Store,
  ws: string,
  version: number,
): Promise<{ version: number; spec: JsonObject; createdAt: number; active: boolean }> {
  const model = await store.getModel(ws, version);
  if (!model) throw new StoreError('not_found', `no model version ${version}`);
  const active = await store.activeModel(ws);
  const { spec, createdAt } = model;
  return { version, spec, createdAt, active: active?.version === version };
}
