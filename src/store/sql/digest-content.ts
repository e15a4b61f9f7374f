// The daily digest's reads: owned leads handed over, reaching hot states, or awaiting acceptance,
// each joined to the lead's traits, its company's and its stored score in one statement.
import type { DigestContentMethods } from '../digest-port.js';
import type { DigestLead, DigestScoreEntry } from '../digest-records.js';
import type { Dialect } from './dialect.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

interface LeadRow {
  owner: string;
  lead_id: string;
  at: number | string;
  traits: unknown;
  company_traits: unknown;
  score: number | string | null;
  grade: string | null;
  segment: string | null;
}

interface EntryRow extends LeadRow {
  reached_segment: string;
  reached_grade: string | null;
  previous: unknown;
}

const LEAD_COLUMNS = `r.owner, r.lead_id, l.traits, c.traits AS company_traits, s.score, s.grade,
  s.segment`;
/** From lead_routing r (owned leads) to the lead, its company and its score. */
const LEAD_JOINS = `LEFT JOIN leads l ON l.ws = r.ws AND l.id = r.lead_id
  LEFT JOIN companies c ON c.ws = l.ws AND c.id = l.company_id
  LEFT JOIN lead_scores s ON s.ws = r.ws AND s.lead_id = r.lead_id`;

const toLead = (d: Dialect, r: LeadRow): DigestLead => ({
  owner: r.owner,
  leadId: r.lead_id,
  at: Number(r.at),
  traits: r.traits === null ? {} : d.readObject(r.traits, `lead "${r.lead_id}" traits`),
  companyTraits:
    r.company_traits === null
      ? null
      : d.readObject(r.company_traits, `company of lead "${r.lead_id}" traits`),
  score: r.score === null ? null : Number(r.score),
  grade: r.grade,
  segment: r.segment,
});

const previousState = (d: Dialect, value: unknown): DigestScoreEntry['before'] => {
  const previous = value === null ? null : (d.readJson(value) as Record<string, unknown> | null);
  if (previous === null || typeof previous.segment !== 'string') return null;
  return {
    segment: previous.segment,
    grade: typeof previous.grade === 'string' ? previous.grade : null,
  };
};

export function digestContentMethods(db: SqlDb, wsKeys: WorkspaceKeys): DigestContentMethods {
  const d = db.dialect;
  return {
    async listOwnedHandOvers(wsId, { from, to }) {
      const ws = await wsKeys.of(wsId);
      // A hand-over's entry carries itself as the hand-over in effect: the hand-over index finds it.
      const rows = await db.all<LeadRow>(
        `SELECT ${LEAD_COLUMNS}, h.at
         FROM lifecycle_history h
         JOIN lead_routing r ON r.ws = h.ws AND r.lead_id = h.lead_id AND r.owner IS NOT NULL
         ${LEAD_JOINS}
         WHERE h.ws = :ws AND h.handover_at >= :from AND h.handover_at < :to
           AND h.kind = 'handed_over' AND h.at >= :from AND h.at < :to
         ORDER BY r.owner, h.at, h.seq`,
        { ws, from, to },
      );
      return rows.map((r) => toLead(d, r));
    },
    async listOwnedScoreEntries(wsId, { from, to, segments, grade }) {
      const ws = await wsKeys.of(wsId);
      // From the owned leads into each one's history by the (ws, lead_id, at) index.
      const rows = await db.all<EntryRow>(
        `SELECT ${LEAD_COLUMNS}, h.at, h.segment AS reached_segment, h.grade AS reached_grade,
           h.previous
         FROM lead_routing r
         JOIN score_history h ON h.ws = r.ws AND h.lead_id = r.lead_id
           AND h.at >= :from AND h.at < :to
         ${LEAD_JOINS}
         WHERE r.ws = :ws AND r.owner IS NOT NULL
           AND (h.segment ${d.inList('segments')} OR h.grade = :grade)
         ORDER BY r.owner, h.at, h.id`,
        { ws, from, to, segments: [...segments], grade },
      );
      return rows.map((r) => ({
        ...toLead(d, r),
        reached: { segment: r.reached_segment, grade: r.reached_grade },
        before: previousState(d, r.previous),
      }));
    },
    async listOwnedAwaiting(wsId, { before }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<LeadRow>(
        `SELECT ${LEAD_COLUMNS}, f.since AS at
         FROM lead_lifecycle f
         JOIN lead_routing r ON r.ws = f.ws AND r.lead_id = f.lead_id AND r.owner IS NOT NULL
         ${LEAD_JOINS}
         WHERE f.ws = :ws AND f.stage = 'mql' AND f.since <= :before
         ORDER BY r.owner, f.since, f.lead_id`,
        { ws, before },
      );
      return rows.map((r) => toLead(d, r));
    },
  };
}
