// The demo workspace: the example B2B model active and a few thousand synthetic leads with
// months of seeded activity, so that a newcomer sees ranked, explained leads at once.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel } from '../../core/compile-model.js';
import { isRecord } from '../../core/fields.js';
import { parseModel } from '../../core/parse-model.js';
import { forEachCsvRecord } from '../../ingest/read-csv.js';
import { forEachLine } from '../../ingest/read-lines.js';
import { eventFromSegment } from '../../ingest/segment-event.js';
import type { JsonObject, NewEvent, Store } from '../../store/port.js';
import { refreshAccounts } from '../accounts/account-scoring.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { rescoreWorkspace } from '../rescore/rescore-workspace.js';
import { demoHistory } from './demo-history.js';
import { withDemoSources } from './demo-sources.js';
import { demoOutcomes, type DemoOutcome } from './demo-outcomes.js';
import { generateDataset } from './synthetic.js';

export const DEMO_MODEL = new URL('../../../examples/models/b2b.yaml', import.meta.url);

export interface DemoSize {
  leads: number;
  events: number;
}

export async function seedDemo(
  store: Store,
  models: ActiveModels,
  ws: string,
  now: number,
  size: DemoSize = { leads: 3000, events: 45_000 },
  onProgress?: (step: string) => void,
): Promise<{ leads: number; events: number; version: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'leadscore-demo-'));
  try {
    const leadsPath = join(dir, 'leads.csv');
    const eventsPath = join(dir, 'events.ndjson');
    onProgress?.('generating synthetic leads and events');
    await generateDataset({
      ...size,
      seed: 42,
      start: new Date(now),
      days: 180,
      leadsPath,
      eventsPath,
      eventsFormat: 'ndjson',
    });

    onProgress?.('storing leads');
    const read: [string, JsonObject][] = [];
    await forEachCsvRecord(leadsPath, {
      required: ['id'],
      onRecord: (row) => read.push([row.id ?? '', leadTraits(row)]),
      onError: () => {},
    });
    const traits = withDemoSources(read);
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
    const events: NewEvent[] = [];
    await forEachLine(eventsPath, (line) => {
      const stored = storedEventOf(line);
      if (stored) events.push(stored);
    });
    for (let i = 0; i < events.length; i += 1000)
      await store.insertEvents(ws, events.slice(i, i + 1000));

    onProgress?.('scoring every lead');
    const model = parseModel(await readFile(DEMO_MODEL, 'utf8'), 'examples/models/b2b.yaml');
    const version = await store.addModel(ws, model as unknown as JsonObject, written);
    onProgress?.('replaying six months of score history');
    const history = demoHistory(compileModel(model), version, traits, events);
    for (let i = 0; i < history.length; i += 2000)
      await store.appendHistories(ws, history.slice(i, i + 2000));
    const done = await rescoreWorkspace(store, models, ws, version, now);
    onProgress?.('recording synthetic sales outcomes');
    await recordOutcomes(store, ws, demoOutcomes(traits, events, now));
    onProgress?.('scoring accounts');
    await store.transaction(async (tx) => {
      const scoring = await models.get(tx, ws);
      if (scoring) await refreshAccounts(tx, ws, scoring, [...companies], now);
    });
    return { leads: done.leads, events: await store.countEvents(ws), version };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each outcome as the sales loop records a closed deal: the lifecycle stage and its entry. */
async function recordOutcomes(store: Store, ws: string, outcomes: DemoOutcome[]): Promise<void> {
  await store.transaction(async (tx) => {
    const stage = (o: DemoOutcome) => (o.converted ? 'customer' : 'lost');
    await tx.putLifecycles(
      ws,
      outcomes.map((o) => ({ leadId: o.leadId, stage: stage(o), since: o.at, handover: null })),
    );
    await tx.appendLifecycleEntries(
      ws,
      outcomes.map((o) => ({
        leadId: o.leadId,
        kind: o.converted ? 'converted' : 'lost',
        from: 'subscriber',
        to: stage(o),
        reason: o.converted ? null : 'no budget',
        cause: 'api',
        causeRef: null,
        actor: 'demo',
        value: o.value,
        currency: o.converted ? 'USD' : null,
        at: o.at,
        handover: null,
      })),
    );
  });
}

/** An NDJSON Segment track call as the store keeps it; undefined for a line that is not one. */
export function storedEventOf(line: string): NewEvent | undefined {
  const parsed = eventFromSegment(JSON.parse(line));
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
