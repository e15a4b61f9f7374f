// One lead as a person reads it: traits, company, and its score as of now with every
// contribution explained, replayed from the stored history so that the parts add up.
import type { Contribution } from '../../core/lead-score.js';
import { scoreLead } from '../../core/score-lead.js';
import type { Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { recordOf, scoringHistory } from '../scoring/lead-scoring.js';

export interface LeadView {
  id: string;
  traits: Record<string, unknown>;
  company: { id: string; traits: Record<string, unknown> } | null;
  /** The sales rep a segment action assigned it to, and its tags. */
  owner: string | null;
  tags: string[];
  modelVersion: number | null;
  score: number | null;
  fit: number | null;
  engagement: number | null;
  grade: string | null;
  segment: string | null;
  stage: string | null;
  categories: Record<string, number>;
  contributions: (Omit<Contribution, 'time' | 'expiresAt'> & {
    time?: string;
    expiresAt?: string | null;
  })[];
  /** The time the score is as of (now, or the latest event if that is later). */
  asOf: string;
  createdAt: string;
  updatedAt: string;
}

export async function leadView(
  store: Store,
  models: ActiveModels,
  ws: string,
  id: string,
  now: number,
): Promise<LeadView | undefined> {
  return store.transaction(async (tx) => {
    const lead = await tx.getLead(ws, id);
    if (!lead) return undefined;
    const company = lead.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
    const scoring = await models.get(tx, ws);
    const history = await scoringHistory(tx, ws, id);
    const asOf = Math.max(now, ...history.map((e) => e.time));
    const routing = await tx.getLeadRouting(ws, id);
    const base = {
      id: lead.id,
      traits: lead.traits,
      company: company ? { id: company.id, traits: company.traits } : null,
      owner: routing.owner,
      tags: routing.tags,
      asOf: new Date(asOf).toISOString(),
      createdAt: new Date(lead.createdAt).toISOString(),
      updatedAt: new Date(lead.updatedAt).toISOString(),
    };
    if (!scoring) {
      const none = {
        modelVersion: null,
        score: null,
        fit: null,
        engagement: null,
        grade: null,
        segment: null,
        stage: null,
      };
      return { ...base, ...none, categories: {}, contributions: [] };
    }
    const record = (await recordOf(tx, ws, id)) ?? {};
    const adjustments = await tx.listAdjustments(ws, id);
    const score = scoreLead(scoring.compiled, record, history, asOf, {
      explain: true,
      adjustments,
    });
    return {
      ...base,
      modelVersion: scoring.version,
      score: score.score,
      fit: score.fit,
      engagement: score.engagement,
      grade: score.grade,
      segment: score.segment,
      stage: score.stage,
      categories: score.categories,
      contributions: (score.contributions ?? []).map(({ time, expiresAt, ...c }) => ({
        ...c,
        ...(time === undefined ? {} : { time: new Date(time).toISOString() }),
        ...(expiresAt === undefined
          ? {}
          : { expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() }),
      })),
    };
  });
}
