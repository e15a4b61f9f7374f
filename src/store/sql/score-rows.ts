// The lead_scores row as both databases read and write it, and its mapping to and from the
// record; the score state is kept in its stored form (src/core/stored-state.ts).
import { decodeState, encodeState } from '../../core/stored-state.js';
import type { LeadScoreRow } from '../records.js';
import type { Dialect } from './dialect.js';
import type { Column } from './sql-db.js';

export interface ScoreColumns {
  lead_id: string;
  model_version: number;
  /** JSON: text on SQLite, parsed on PostgreSQL. */
  state: unknown;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: LeadScoreRow['stage'];
  /** JSON: text on SQLite, parsed on PostgreSQL. */
  categories: unknown;
  scored_at: number;
  last_event_time: number | null;
  updated_at: number;
  due_at: number | null;
}

export const SCORE_COLUMNS = `lead_id, model_version, state, score, fit, engagement, grade,
  segment, stage, categories, scored_at, last_event_time, updated_at, due_at`;

export const toScore = (d: Dialect, r: ScoreColumns): LeadScoreRow => ({
  leadId: r.lead_id,
  modelVersion: r.model_version,
  state: decodeState(d.readJson(r.state)),
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  categories: d.readJson(r.categories) as Record<string, number>,
  scoredAt: r.scored_at,
  lastEventTime: r.last_event_time,
  updatedAt: r.updated_at,
  dueAt: r.due_at,
});

/**
 * The columns a score is written with. The state is json on PostgreSQL (no query looks inside
 * it, and jsonb would convert it on every write), categories jsonb.
 */
export const SCORE_WRITE: Column<LeadScoreRow>[] = [
  { name: 'lead_id', type: 'text', value: (s) => s.leadId },
  { name: 'model_version', type: 'int', value: (s) => s.modelVersion },
  { name: 'state', type: 'json', value: (s) => encodeState(s.state) },
  { name: 'score', type: 'float', value: (s) => s.score },
  { name: 'fit', type: 'float', value: (s) => s.fit },
  { name: 'engagement', type: 'float', value: (s) => s.engagement },
  { name: 'grade', type: 'text', value: (s) => s.grade },
  { name: 'segment', type: 'text', value: (s) => s.segment },
  { name: 'stage', type: 'text', value: (s) => s.stage },
  { name: 'categories', type: 'jsonb', value: (s) => s.categories },
  { name: 'scored_at', type: 'bigint', value: (s) => s.scoredAt },
  { name: 'last_event_time', type: 'bigint', value: (s) => s.lastEventTime },
  { name: 'updated_at', type: 'bigint', value: (s) => s.updatedAt },
  { name: 'due_at', type: 'bigint', value: (s) => s.dueAt ?? null },
];
