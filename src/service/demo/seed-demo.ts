// The demo workspace: the example B2B model active and a few thousand synthetic leads, each with
// six months of activity and a sales story drawn from a latent journey (demo-latent.ts), so
// that a newcomer sees ranked, explained leads, and reports that show what scoring is worth.
import { readFile } from 'node:fs/promises';
import { compileModel } from '../../core/compile-model.js';
import { isRecord } from '../../core/fields.js';
import { parseModel } from '../../core/parse-model.js';
import { eventFromSegment } from '../../ingest/segment-event.js';
import type {
  HistoryEntry,
  JsonObject,
  LeadLifecycle,
  NewEvent,
  NewLifecycleEntry,
  Store,
} from '../../store/port.js';
import { refreshAccounts } from '../accounts/account-scoring.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { rescoreWorkspace } from '../rescore/rescore-workspace.js';
import { demoHistory } from './demo-history.js';
import { journeyEvents } from './demo-journey.js';
import { drawLatent, type Latent } from './demo-latent.js';
import { salesStory } from './demo-sales.js';
import { DEMO_SOURCES, withDemoSources } from './demo-sources.js';
import { createRng } from './synthetic-random.js';
import { LEADS_HEADER, leadFields } from './synthetic-vocabulary.js';

export const DEMO_MODEL = new URL('../../../examples/models/b2b.yaml', import.meta.url);

export interface DemoSize {
  leads: number;
  /** About how many events: the journeys' rates are scaled to it (25 a lead is their own rate). */
  events: number;
}

const SEED = 42;
const DAYS = 182;
const DAY = 86_400_000;
/** Events per lead the journeys make at scale 1. */
const EVENTS_PER_LEAD = 25;
const COLUMNS = LEADS_HEADER.split(',');

export async function seedDemo(
  store: Store,
  models: ActiveModels,
  ws: string,
  now: number,
  size: DemoSize = { leads: 3000, events: 3000 * EVENTS_PER_LEAD },
  onProgress?: (step: string) => void,
): Promise<{ leads: number; events: number; version: number }> {
  onProgress?.('generating synthetic leads and their journeys');
  const width = Math.max(7, String(size.leads).length);
  const leadRng = createRng(SEED, 0);
  const read: [string, JsonObject][] = [];
  for (let i = 0; i < size.leads; i++) {
    const fields = leadFields(leadRng, `L${String(i + 1).padStart(width, '0')}`);
    const row = Object.fromEntries(COLUMNS.map((c, j) => [c, fields[j] ?? '']));
    read.push([row.id ?? '', leadTraits(row)]);
  }
  const traits = withDemoSources(read, SEED);
  const from = now - DAYS * DAY;
  const weeks = Math.ceil(DAYS / 7);
  const scale = size.leads === 0 ? 1 : size.events / size.leads / EVENTS_PER_LEAD;
  const latents = new Map<string, Latent>();
  const events: NewEvent[] = [];
  traits.forEach(([id, t], i) => {
    const latent = drawLatent(t, weeks, createRng(SEED, 1000 + 2 * i));
    latents.set(id, latent);
    const rng = createRng(SEED, 1001 + 2 * i);
    events.push(
      ...journeyEvents(latent, { leadId: id, from, to: now - 1, scale }, rng, storedEvent),
    );
  });

  onProgress?.('storing leads');
  // Written a millisecond before the scoring job starts, so the job sees nothing as changed
  // while it ran and takes its bulk path.
  const written = now - 1;
  // Each lead's company (by name) becomes an account it is linked to, as a group call does.
  const companies = new Set<string>();
  await store.transaction(async (tx) => {
    for (const [id, t] of traits) {
      await tx.upsertLead(ws, id, t, written);
      const company = t.company;
      if (!isRecord(company) || typeof company.name !== 'string') continue;
      const companyId = slug(company.name);
      if (!companies.has(companyId)) await tx.upsertCompany(ws, companyId, company, written);
      companies.add(companyId);
      await tx.setLeadCompany(ws, id, companyId, written);
    }
  });

  onProgress?.('storing events');
  for (let i = 0; i < events.length; i += 1000)
    await store.insertEvents(ws, events.slice(i, i + 1000));

  const model = parseModel(await readFile(DEMO_MODEL, 'utf8'), 'examples/models/b2b.yaml');
  const version = await store.addModel(ws, model as unknown as JsonObject, written);
  const compiled = compileModel(model);
  onProgress?.('replaying six months of score history');
  const history = demoHistory(compiled, version, traits, events);
  for (let i = 0; i < history.length; i += 2000)
    await store.appendHistories(ws, history.slice(i, i + 2000));

  onProgress?.("recording the sales team's hand-overs, feedback and outcomes");
  const byLead = new Map<string, HistoryEntry[]>();
  for (const e of history) byLead.set(e.leadId, [...(byLead.get(e.leadId) ?? []), e]);
  const entries: NewLifecycleEntry[] = [];
  const states: LeadLifecycle[] = [];
  traits.forEach(([id, t], i) => {
    const story = salesStory(
      compiled,
      {
        leadId: id,
        latent: latents.get(id)!,
        history: byLead.get(id) ?? [],
        channelLift: DEMO_SOURCES[String(t.utm_source)]?.lift ?? 0,
      },
      { from, now },
      createRng(SEED, 500_000 + i),
    );
    entries.push(...story.entries);
    if (story.state) states.push(story.state);
  });
  entries.sort((a, b) => a.at - b.at);
  await store.transaction(async (tx) => {
    for (let i = 0; i < entries.length; i += 2000)
      await tx.appendLifecycleEntries(ws, entries.slice(i, i + 2000));
    for (let i = 0; i < states.length; i += 2000)
      await tx.putLifecycles(ws, states.slice(i, i + 2000));
  });

  onProgress?.('scoring every lead');
  const done = await rescoreWorkspace(store, models, ws, version, now);
  onProgress?.('scoring accounts');
  await store.transaction(async (tx) => {
    const scoring = await models.get(tx, ws);
    if (scoring) await refreshAccounts(tx, ws, scoring, [...companies], now);
  });
  return { leads: done.leads, events: await store.countEvents(ws), version };
}

/** A Segment track call as the store keeps it; undefined for a message that is not one. */
function storedEvent(message: unknown): NewEvent | undefined {
  const parsed = eventFromSegment(message);
  if (!parsed.ok) return undefined;
  const { leadId, event } = parsed.value;
  return {
    messageId: event.messageId ?? `${leadId}-${event.time}`,
    leadId,
    anonymousId: null,
    type: 'track',
    name: event.event,
    time: event.time,
    receivedAt: event.time,
    payload: { ...event },
  };
}

/** An NDJSON Segment track call as the store keeps it; undefined for a line that is not one. */
export function storedEventOf(line: string): NewEvent | undefined {
  return storedEvent(JSON.parse(line));
}

/** A CSV lead row as identify traits: `company.*` columns become the Segment `company` object. */
export function leadTraits(row: Record<string, string>): JsonObject {
  const traits: JsonObject = {};
  const company: JsonObject = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === 'id' || value === '') continue;
    const numeric = /^\d+$/.test(value) ? Number(value) : value;
    if (column.startsWith('company.')) company[column.slice('company.'.length)] = numeric;
    else traits[column] = numeric;
  }
  if (Object.keys(company).length > 0) traits.company = company;
  return traits;
}

/** A company id from its name: `Acme K.K.` -> `acme-k-k`. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
