// The workspace the ingestion benchmarks (bench/ingest.ts, bench/ingest-servers.ts) load: the
// synthetic leads, model examples/models/b2b.yaml active, every lead scored and the planner
// statistics taken, as in a running workspace.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModel } from '../src/core/parse-model.js';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { rescoreWorkspace } from '../src/service/rescore/rescore-workspace.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { JsonObject, Store } from '../src/store/port.js';
import { loadLeads } from './bench-store.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = 'examples/models/b2b.yaml';

/** Writes the synthetic leads (seed 1) into `dir`; resolves with the CSV file's path. */
export async function generateIngestLeads(dir: string, leads: number): Promise<string> {
  const leadsPath = join(dir, 'leads.csv');
  await generateDataset({
    leads,
    events: 1,
    seed: 1,
    start: new Date(),
    days: 30,
    leadsPath,
    eventsPath: join(dir, 'events.ndjson'),
    eventsFormat: 'ndjson',
  });
  return leadsPath;
}

export interface IngestWorkspace {
  /** The workspace's id. */
  ws: string;
  /** The active models the leads were scored with (a server built in-process can share them). */
  models: ActiveModels;
  /** The Authorization header of the workspace's write key. */
  authorization: string;
}

/** A new workspace on the store with the leads of `leadsPath` loaded and scored. */
export async function prepareIngestWorkspace(
  store: Store,
  leadsPath: string,
): Promise<IngestWorkspace> {
  const now = Date.now();
  const made = await createWorkspaceWithKeys(store, 'bench', now);
  const ws = made.workspace.id;
  const model = parseModel(await readFile(join(ROOT, MODEL), 'utf8'), MODEL);
  const version = await store.addModel(ws, model as unknown as JsonObject, now);
  await store.activateModel(ws, version, now);
  await loadLeads(store, ws, leadsPath, now);
  // Every lead scored, as in a running workspace (identify scores a lead when it arrives;
  // activation scores them all), so that an event meets the lead's stored score state.
  const models = new ActiveModels();
  await rescoreWorkspace(store, models, ws, version, Date.now());
  // Planner statistics as a running server has them (autovacuum, or the store's own keeper
  // within a minute where autovacuum is off): taken now, after the leads were scored.
  await store.analyze();
  const authorization = `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}`;
  return { ws, models, authorization };
}
