// The changes between two saved model versions of a workspace, for the diff route and the
// dashboard's compare view.
import { diffModels, type DiffableModel, type ModelChange } from '../../core/model-diff.js';
import { StoreError, type Store } from '../../store/port.js';

/** Changes that turn version `against` into `version`; StoreError 'not_found' for either unknown. */
export async function diffModelVersions(
  store: Store,
  ws: string,
  version: number,
  against: number,
): Promise<ModelChange[]> {
  const [to, from] = await Promise.all([store.getModel(ws, version), store.getModel(ws, against)]);
  if (!to) throw new StoreError('not_found', `no model version ${version}`);
  if (!from) throw new StoreError('not_found', `no model version ${against} (against)`);
  // Stored specs passed validation: they are models.
  return diffModels(from.spec as unknown as DiffableModel, to.spec as unknown as DiffableModel);
}
