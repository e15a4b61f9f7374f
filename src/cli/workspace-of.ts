// The workspace a command that works on the server's database acts on: `--workspace ID|NAME`,
// or the only one there is.
import type { Store } from '../store/port.js';

/** The workspace named by id or name, or the only one there is. */
export async function workspaceOf(store: Store, wanted: string | undefined): Promise<string> {
  const all = await store.listWorkspaces();
  if (wanted !== undefined) {
    const found = all.find((w) => w.id === wanted || w.name === wanted);
    if (!found)
      throw new Error(
        `--workspace: no workspace "${wanted}" (have: ${all.map((w) => w.name).join(', ') || 'none'})`,
      );
    return found.id;
  }
  if (all.length === 1) return all[0]!.id;
  throw new Error(
    all.length === 0
      ? 'the database has no workspace yet: start `leadscore serve` once, or use --db'
      : `the database has ${all.length} workspaces: choose one with --workspace (${all.map((w) => w.name).join(', ')})`,
  );
}
