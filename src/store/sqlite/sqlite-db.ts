// The SQLite connection type the store's plumbing (migrations, group commits, checkpoints) shares.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
