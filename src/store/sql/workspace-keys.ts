// Workspace ids (the text callers pass) to the integer keys the tables hold (migration 016),
// learned once per store: a workspace's id and key never change, so a pair once committed stays
// true. A pair learned inside a transaction joins the store's cache only when that transaction
// commits: a workspace created by one that rolls back must not stay mapped (SQLite could hand its
// key to the next workspace).
import type { SqlDb } from './sql-db.js';

/** The key of no workspace: reads with it find nothing and writes fail on the foreign key. */
export const NO_WORKSPACE = 0;

/** What the statements of src/store/sql/ use: the key of a workspace id. */
export interface WorkspaceKeys {
  /** The key of this id, NO_WORKSPACE for an id no workspace has. */
  of(id: string): Promise<number>;
  /** A workspace made in this transaction. */
  learn(id: string, key: number): void;
}

/** The store's pairs, committed ones only. */
export class WorkspaceKeyCache {
  private readonly keys = new Map<string, number>();

  get(id: string): number | undefined {
    return this.keys.get(id);
  }

  add(pairs: Iterable<readonly [string, number]>): void {
    for (const [id, key] of pairs) this.keys.set(id, key);
  }
}

/**
 * The pairs of the transactions in flight on one connection: PostgreSQL makes one per
 * transaction; SQLite shares one, marked where each transaction starts (a group commit holds
 * several, each undone alone).
 */
export class PendingWorkspaceKeys {
  private learned: (readonly [string, number])[] = [];
  private readonly lookup = new Map<string, number>();

  constructor(private readonly cache: WorkspaceKeyCache) {}

  /** The keys for statements run on `db`. */
  on(db: SqlDb): WorkspaceKeys {
    return {
      of: async (id) => {
        const known = this.cache.get(id) ?? this.lookup.get(id);
        if (known !== undefined) return known;
        const row = await db.get<{ ws: number }>('SELECT ws FROM workspaces WHERE id = :id', {
          id,
        });
        if (!row) return NO_WORKSPACE;
        this.remember(id, Number(row.ws));
        return Number(row.ws);
      },
      learn: (id, key) => this.remember(id, key),
    };
  }

  /** Where the next transaction starts. */
  mark(): number {
    return this.learned.length;
  }

  /** The transaction that started at `mark` rolled back: forget what it learned. */
  rollbackTo(mark: number): void {
    for (const [id] of this.learned.splice(mark)) this.lookup.delete(id);
  }

  /** Everything learned is committed. */
  publish(): void {
    this.cache.add(this.learned);
    this.forget();
  }

  /** Everything learned was rolled back. */
  forget(): void {
    this.learned = [];
    this.lookup.clear();
  }

  private remember(id: string, key: number): void {
    this.learned.push([id, key]);
    this.lookup.set(id, key);
  }
}
