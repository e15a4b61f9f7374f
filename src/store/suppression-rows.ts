// Suppression rows as both adapters read them (the same columns in SQLite and PostgreSQL).
import type { Suppression, SuppressionKind } from './suppression-records.js';

export interface SuppressionRow {
  id: string;
  kind: SuppressionKind;
  created_at: number;
  refused_count: number;
  last_refused_at: number | null;
}

export const SUPPRESSION_COLUMNS = 'id, kind, created_at, refused_count, last_refused_at';

export const toSuppression = (r: SuppressionRow): Suppression => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.created_at,
  refusedCount: r.refused_count,
  lastRefusedAt: r.last_refused_at,
});
