// The account_scores row as both adapters read and write it (snake_case columns), and its
// mapping to and from the record.
import type { AccountScoreRow } from './records.js';

export interface AccountScoreColumns {
  company_id: string;
  model_version: number;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: AccountScoreRow['stage'];
  contacts: number;
  scored_at: number;
  updated_at: number;
}

export const ACCOUNT_SCORE_COLUMNS = `company_id, model_version, score, fit, engagement, grade,
  segment, stage, contacts, scored_at, updated_at`;

export const toAccountScore = (r: AccountScoreColumns): AccountScoreRow => ({
  companyId: r.company_id,
  modelVersion: r.model_version,
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  contacts: r.contacts,
  scoredAt: r.scored_at,
  updatedAt: r.updated_at,
});

export const toAccountScoreColumns = (r: AccountScoreRow): AccountScoreColumns => ({
  company_id: r.companyId,
  model_version: r.modelVersion,
  score: r.score,
  fit: r.fit,
  engagement: r.engagement,
  grade: r.grade,
  segment: r.segment,
  stage: r.stage,
  contacts: r.contacts,
  scored_at: r.scoredAt,
  updated_at: r.updatedAt,
});
