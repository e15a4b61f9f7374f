// Scores every lead of a workspace with one model version, from the stored traits and events,
// and makes that version active for all leads at once, in one transaction at the end.
import type { ScoringEvent } from '../../core/event.js';
import { evaluateFit } from '../../core/fit.js';
import type { JsonObject, Lead, LeadScoreRow, Store } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { stateFromHistory } from '../scoring/advance-state.js';
import { leadRecord } from '../scoring/lead-record.js';
import { readAt, rescoreLead } from '../scoring/lead-scoring.js';
import { isScoredType, scoringEventOf } from '../scoring/stored-events.js';

export interface RescoreProgress {
  leads: number;
  total: number;
}

export async function rescoreWorkspace(
  store: Store,
  models: ActiveModels,
  ws: string,
  version: number,
  now: number,
  onProgress?: (progress: RescoreProgress) => void,
): Promise<{ leads: number; events: number }> {
  const startedAt = now;
  const stored = await store.getModel(ws, version);
  if (!stored) throw new Error(`model version ${version} does not exist`);
  // The job reads every event in order: with stale statistics PostgreSQL pages it far slower.
  await store.analyze();
  const scoring: ActiveScoring = { version, compiled: models.compile(ws, version, stored.spec) };
  const leads = await allLeads(store, ws);
  const companies = new Map<string, JsonObject | undefined>();
  const rows: LeadScoreRow[] = [];
  let events = 0;

  const score = async (lead: Lead, history: ScoringEvent[]) => {
    let company: JsonObject | undefined;
    if (lead.companyId) {
      if (!companies.has(lead.companyId))
        companies.set(lead.companyId, (await store.getCompany(ws, lead.companyId))?.traits);
      company = companies.get(lead.companyId);
    }
    const fit = evaluateFit(scoring.compiled, leadRecord(lead.id, lead.traits, company));
    const state = stateFromHistory(scoring.compiled, fit, history);
    const { score: s, asOf } = readAt(scoring, state, now);
    rows.push({
      leadId: lead.id,
      modelVersion: version,
      state,
      score: s.score,
      fit: s.fit,
      engagement: s.engagement,
      grade: s.grade,
      segment: s.segment,
      stage: s.stage,
      categories: s.categories,
      scoredAt: asOf,
      lastEventTime: state.lastEventTime,
      updatedAt: now,
    });
    leads.delete(lead.id);
    if (rows.length % 1000 === 0)
      onProgress?.({ leads: rows.length, total: rows.length + leads.size });
  };

  // Events come ordered by lead; a lead's events may straddle two pages.
  let current: { lead: Lead; history: ScoringEvent[] } | undefined;
  for await (const page of store.streamEventsByLead(ws, { batchSize: 5000 })) {
    for (const event of page) {
      events++;
      if (event.leadId === null || !isScoredType(event.type)) continue;
      if (current?.lead.id !== event.leadId) {
        if (current) await score(current.lead, current.history);
        const lead = leads.get(event.leadId);
        current = lead ? { lead, history: [] } : undefined;
      }
      current?.history.push(scoringEventOf(event));
    }
  }
  if (current) await score(current.lead, current.history);
  for (const lead of [...leads.values()]) await score(lead, []);

  const total = rows.length;
  await store.transaction(async (tx) => {
    // Calls ingested while this ran were scored with the old version: those leads (and leads
    // new since the start) are scored again here, inside the switch-over transaction.
    const computed = new Map(rows.map((row) => [row.leadId, row]));
    const again: string[] = [];
    let after: string | undefined;
    do {
      const page = await tx.listLeads(ws, {
        sort: 'updatedAt',
        direction: 'asc',
        limit: 1000,
        ...(after ? { after } : {}),
      });
      for (const { lead, score } of page.items) {
        const touched =
          (score !== null && score.updatedAt >= startedAt) || lead.updatedAt >= startedAt;
        if (touched || !computed.has(lead.id)) {
          again.push(lead.id);
          computed.delete(lead.id);
        }
      }
      after = page.next ?? undefined;
    } while (after);
    await tx.putScores(ws, [...computed.values()]);
    for (const id of again)
      await rescoreLead(tx, ws, id, scoring, now, { cause: 'model', causeRef: String(version) });
    await tx.activateModel(ws, version, now);
  });
  onProgress?.({ leads: total, total });
  return { leads: total, events };
}

async function allLeads(store: Store, ws: string): Promise<Map<string, Lead>> {
  const leads = new Map<string, Lead>();
  let after: string | undefined;
  do {
    const page = await store.listLeads(ws, {
      sort: 'updatedAt',
      direction: 'asc',
      limit: 1000,
      ...(after ? { after } : {}),
    });
    for (const item of page.items) leads.set(item.lead.id, item.lead);
    after = page.next ?? undefined;
  } while (after);
  return leads;
}
