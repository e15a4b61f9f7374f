// The catalog as the API answers it: the stored one with how fresh it is, refreshed in a
// background job (kind `catalog`) when older than its maximum age or when asked.
import type { Job, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import { computeCatalog, type CatalogDocument } from './compute-catalog.js';

export const CATALOG_JOB = 'catalog';
/** A stored catalog older than this is answered as it is while a refresh runs. */
export const CATALOG_MAX_AGE_MS = 15 * 60_000;
/** With no stored catalog yet, a workspace with at most this many events is computed in the call. */
export const SYNC_EVENT_LIMIT = 50_000;

export interface CatalogView {
  /** The catalog; null only while the very first one of a large workspace is computed. */
  catalog: CatalogDocument | null;
  /** computed: answered from a catalog computed in this call; stored: from the kept one. */
  source: 'computed' | 'stored' | 'pending';
  /** A refresh job running now (started by this call or earlier), if any. */
  refreshJob: Job | null;
  maxAgeMs: number;
}

export interface CatalogOptions {
  maxAgeMs?: number;
  syncEventLimit?: number;
}

/** Refreshes in flight per store and workspace: one at a time (across processes: see below). */
const running = new WeakMap<Store, Map<string, { job: Job; done: Promise<void> }>>();

/**
 * Starts a refresh unless one runs already (in this process, or a queued/running `catalog` job
 * of the workspace in the store, from another process); answers its job and when it ends.
 */
export async function refreshCatalog(
  store: Store,
  ws: string,
  clock: () => number,
): Promise<{ job: Job; done: Promise<void> }> {
  let byWs = running.get(store);
  if (!byWs) running.set(store, (byWs = new Map()));
  const inFlight = byWs.get(ws);
  if (inFlight) return inFlight;
  const elsewhere = (await store.listJobs(ws, { status: ['queued', 'running'] })).find(
    (j) => j.kind === CATALOG_JOB,
  );
  if (elsewhere) return { job: elsewhere, done: Promise.resolve() };
  const started = await startReadOnlyJob(store, ws, CATALOG_JOB, clock, async (progress) => {
    const catalog = await computeCatalog(store, ws, clock());
    await store.putCatalog(ws, {
      document: catalog as unknown as Record<string, never>,
      computedAt: catalog.computedAt,
    });
    progress(1, 1);
    return {
      leads: catalog.leads,
      companies: catalog.companies,
      events: catalog.events.length,
      computedAt: catalog.computedAt,
    };
  });
  const entry = { job: started.job, done: started.running.finally(() => byWs.delete(ws)) };
  byWs.set(ws, entry);
  return entry;
}

export async function catalogView(
  store: Store,
  ws: string,
  clock: () => number,
  options: CatalogOptions = {},
): Promise<CatalogView> {
  const maxAgeMs = options.maxAgeMs ?? CATALOG_MAX_AGE_MS;
  const stored = await store.getCatalog(ws);
  if (stored) {
    const stale = clock() - stored.computedAt > maxAgeMs;
    const refresh = stale ? await refreshCatalog(store, ws, clock) : inFlight(store, ws);
    return {
      catalog: stored.document as unknown as CatalogDocument,
      source: 'stored',
      refreshJob: refresh?.job ?? null,
      maxAgeMs,
    };
  }
  const refresh = await refreshCatalog(store, ws, clock);
  if ((await store.countEvents(ws)) <= (options.syncEventLimit ?? SYNC_EVENT_LIMIT)) {
    await refresh.done;
    const computed = await store.getCatalog(ws);
    if (computed) {
      return {
        catalog: computed.document as unknown as CatalogDocument,
        source: 'computed',
        refreshJob: null,
        maxAgeMs,
      };
    }
  }
  return { catalog: null, source: 'pending', refreshJob: refresh.job, maxAgeMs };
}

function inFlight(store: Store, ws: string): { job: Job } | undefined {
  return running.get(store)?.get(ws);
}
