// Adjustment rows as both adapters read them (the same columns in SQLite and PostgreSQL).
import type { Adjustment } from '../core/manual-adjustment.js';

export interface AdjustmentRow {
  lead_id: string;
  id: string;
  points: number | string;
  reason: string;
  author: string;
  at: number | string;
  expires_at: number | string | null;
}

export const ADJUSTMENT_COLUMNS = 'lead_id, id, points, reason, author, at, expires_at';

export const toAdjustment = (r: AdjustmentRow): Adjustment => ({
  id: r.id,
  points: Number(r.points),
  reason: r.reason,
  author: r.author,
  at: Number(r.at),
  expiresAt: r.expires_at === null ? null : Number(r.expires_at),
});
