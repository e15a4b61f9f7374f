// The lead list query, its page, and the opaque keyset cursor both adapters share.
import { z } from 'zod';
import { STAGES } from '../core/model-schema.js';
import { StoreError } from './errors.js';
import type { Lead, LeadScoreRow } from './records.js';

export const leadListQuerySchema = z.object({
  segment: z.string().optional(),
  grade: z.string().optional(),
  stage: z.enum(STAGES).optional(),
  /** The owner lead routing gave the lead (exact). */
  owner: z.string().optional(),
  minScore: z.number().optional(),
  maxScore: z.number().optional(),
  /** Case-insensitive substring of traits name / first_name / last_name / email or company name. */
  search: z.string().optional(),
  sort: z.enum(['score', 'updatedAt']),
  direction: z.enum(['asc', 'desc']),
  limit: z.number().int().positive(),
  /** The `next` of the previous page. */
  after: z.string().optional(),
});

export type LeadListQuery = z.infer<typeof leadListQuerySchema>;

/** A lead with its stored score row (null before it is first scored). */
export interface LeadListItem {
  lead: Lead;
  score: LeadScoreRow | null;
}

export interface LeadPage {
  items: LeadListItem[];
  next: string | null;
}

/**
 * Where unscored leads sort when sorting by score: below every real score, so they come last in
 * descending order. Adapters use it in SQL (`COALESCE(score, NO_SCORE)`), hence a finite number.
 */
export const NO_SCORE = -1e308;

const cursorSchema = z.object({
  sort: z.enum(['score', 'updatedAt']),
  direction: z.enum(['asc', 'desc']),
  value: z.number(),
  id: z.string(),
});

export type LeadCursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes `after`, refusing a cursor made for another sort: its position would mean nothing. */
export function decodeCursor(query: LeadListQuery): LeadCursor | undefined {
  if (query.after === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(query.after, 'base64url').toString('utf8'));
  } catch {
    throw new StoreError('invalid', 'after: not a cursor from this list');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new StoreError('invalid', 'after: not a cursor from this list');
  if (result.data.sort !== query.sort || result.data.direction !== query.direction) {
    throw new StoreError('invalid', 'after: the cursor was made for another sort order');
  }
  return result.data;
}

/**
 * The page from up to `limit + 1` rows in list order: the extra row only tells that more follow,
 * so `next` is null exactly on the last page.
 */
export function toPage(query: LeadListQuery, rows: LeadListItem[]): LeadPage {
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  if (!last || rows.length <= query.limit) return { items, next: null };
  const value = query.sort === 'score' ? (last.score?.score ?? NO_SCORE) : last.lead.updatedAt;
  const next = encodeCursor({
    sort: query.sort,
    direction: query.direction,
    value,
    id: last.lead.id,
  });
  return { items, next };
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
