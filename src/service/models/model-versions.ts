// The workspace's stored model versions, each with its note, author, the periods it was active
// and whether it is active now, for the model list and one version's page (with its last
// what-if).
import {
  StoreError,
  type JsonObject,
  type ModelRecord,
  type ModelWhatIf,
  type Store,
} from '../../store/port.js';
import { activePeriods, type ActivePeriod } from './active-periods.js';

export interface ModelVersionSummary {
  version: number;
  name: string;
  note: string | null;
  author: string | null;
  createdAt: number;
  active: boolean;
  /** When it was active, oldest first; empty for a version never activated. */
  activePeriods: ActivePeriod[];
  /** Active now or before: the versions a rollback may go to. */
  wasActive: boolean;
  /** When it stopped being active last; null when active now or never active. */
  lastActiveAt: number | null;
}

function summary(
  m: ModelRecord,
  active: number | undefined,
  periods: Map<number, ActivePeriod[]>,
): ModelVersionSummary {
  const own = periods.get(m.version) ?? [];
  const last = own.at(-1);
  return {
    version: m.version,
    // Stored specs passed validation, so `name` is a string.
    name: String(m.spec.name),
    note: m.note,
    author: m.author,
    createdAt: m.createdAt,
    active: m.version === active,
    activePeriods: own,
    wasActive: own.length > 0 || m.version === active,
    lastActiveAt: last && m.version !== active ? last.to : null,
  };
}

/** Oldest first, with the active version (null when none is). */
export async function listModelVersions(
  store: Store,
  ws: string,
): Promise<{ active: number | null; items: ModelVersionSummary[] }> {
  const [versions, active, activations] = await Promise.all([
    store.listModels(ws),
    store.activeModelVersion(ws),
    store.listModelActivations(ws),
  ]);
  const periods = activePeriods(activations);
  return { active: active ?? null, items: versions.map((m) => summary(m, active, periods)) };
}

/** Throws StoreError 'not_found' for a version the workspace does not have. */
export async function getModelVersion(
  store: Store,
  ws: string,
  version: number,
): Promise<ModelVersionSummary & { spec: JsonObject; lastWhatIf: ModelWhatIf | null }> {
  const model = await store.getModel(ws, version);
  if (!model) throw new StoreError('not_found', `no model version ${version}`);
  const [active, activations, whatIf] = await Promise.all([
    store.activeModelVersion(ws),
    store.listModelActivations(ws),
    store.getModelWhatIf(ws, version),
  ]);
  return {
    ...summary(model, active, activePeriods(activations)),
    spec: model.spec,
    lastWhatIf: whatIf ?? null,
  };
}
