// The SQLite migrations in the order they apply; append new ones, never edit applied ones.
import type { Migration } from '../../migration.js';
import { initial } from './001-initial.js';
import { leadScoresRowid } from './002-lead-scores-rowid.js';

export const migrations: readonly Migration[] = [initial, leadScoresRowid];
