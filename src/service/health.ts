// Whether the store answers, for the health check: one cheap read that fails when it is down.
import type { Store } from '../store/port.js';

/** Resolves with the store's kind once it has answered a read; rejects when it cannot. */
export async function storeHealth(store: Store): Promise<Store['kind']> {
  await store.listWorkspaces();
  return store.kind;
}
