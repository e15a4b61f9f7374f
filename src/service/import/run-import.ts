// A bulk import: companies, leads, events and outcomes files read in bounded chunks, each chunk
// stored in its own transaction, then every touched lead scored once with the active model. A dry
// run goes through the same writers, which count their plan and keep it in memory instead.
import { stat } from 'node:fs/promises';
import type { Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { DryRunState } from './dry-run-state.js';
import { emptyCounts, RejectLog, type ResultCounts } from './import-counts.js';
import { loadImportMap, type ImportMap } from './import-map.js';
import { pendingLeads, rescorePending } from './import-rescore.js';
import type { RowResult } from './import-rows.js';
import {
  IMPORT_KINDS,
  type ImportCounts,
  type ImportKind,
  type ImportOptions,
  type ImportResult,
} from './import-types.js';
import { checkImportFile, readImportFile, type RowOf } from './read-import-file.js';
import { writeCompanies, writeLeads } from './write-people.js';
import { writeEvents } from './write-events.js';
import { writeOutcomes } from './write-outcomes.js';

/** Rows per transaction: large enough for bulk statements, small enough for short locks. */
export const CHUNK_ROWS: Record<ImportKind, number> = {
  companies: 5000,
  leads: 5000,
  events: 10_000,
  outcomes: 1000,
};

/**
 * Rows per transaction on SQLite where they differ. A commit writes every page the chunk touched
 * to the WAL, and the events' indexes (messageId, lead) are keyed at random: a chunk of 10,000
 * touches nearly as many index pages as a much larger one, so fewer, larger commits write far
 * fewer pages (1M events' inserts on the driver: 26.5-31.5 s in chunks of 10,000, 19.5 s of
 * 50,000, 17 s of 100,000). The price is the event loop and the write lock held for the chunk,
 * which live ingestion waits on: 1.1-1.8 s per chunk of 50,000 measured at 1M events (chunks of
 * 25,000 held them about as long).
 */
export const SQLITE_CHUNK_ROWS: Partial<Record<ImportKind, number>> = { events: 50_000 };

/**
 * Distinct leads per chunk on PostgreSQL, whose chunks hold a lock per lead: PostgreSQL's lock
 * table holds some 64 per connection (max_locks_per_transaction), shared by all of them.
 */
export const LOCKED_LEADS = 2000;

/** The lead a row writes (and locks), if any. */
function leadOfRow(kind: ImportKind, row: unknown): string | undefined {
  if (kind === 'leads') return (row as RowOf['leads']).id;
  if (kind === 'events' || kind === 'outcomes') return (row as RowOf['events']).leadId;
  return undefined;
}

export async function runImport(
  store: Store,
  models: ActiveModels,
  options: ImportOptions,
): Promise<ImportResult> {
  const { files } = options;
  const kinds = IMPORT_KINDS.filter((k) => files[k] !== undefined);
  const map = files.map === undefined ? undefined : await loadImportMap(files.map);
  const nameOf = (kind: ImportKind) => files.names?.[kind] ?? files[kind]!;
  // Every file is checked as a whole before anything is written: a wrong header is one error.
  for (const kind of kinds) await checkImportFile(kind, files[kind]!, nameOf(kind), map);
  const rejects = new RejectLog(options.onReject);
  const counts: ResultCounts = {};
  const dry = options.dryRun ? new DryRunState() : undefined;
  for (const kind of kinds) {
    counts[kind] = await importFile(
      store,
      kind,
      files[kind]!,
      nameOf(kind),
      map,
      rejects,
      options,
      dry,
    );
  }
  let rescored = 0;
  if (dry) rescored = await dryRescored(store, models, options.ws, dry);
  else {
    rescored = await rescorePending(store, models, {
      ws: options.ws,
      now: options.now,
      quiet: options.quiet,
      onProgress: (done, total) => options.onProgress?.({ phase: 'rescore', done, total }),
    });
  }
  return { dryRun: options.dryRun, counts, rescored, firstRejects: rejects.first };
}

interface Pending<T> {
  line: number;
  text: string;
  value: T;
}

async function importFile<K extends ImportKind>(
  store: Store,
  kind: K,
  path: string,
  name: string,
  map: ImportMap | undefined,
  rejects: RejectLog,
  options: ImportOptions,
  dry: DryRunState | undefined,
): Promise<ImportCounts> {
  const counts = emptyCounts();
  const total = (await stat(path)).size;
  const size =
    options.chunkRows ??
    (store.kind === 'sqlite' ? SQLITE_CHUNK_ROWS[kind] : undefined) ??
    CHUNK_ROWS[kind];
  const lockCap = store.kind === 'postgres' ? LOCKED_LEADS : Infinity;
  let buffer: Pending<RowOf[K]>[] = [];
  let leads = new Set<string>();
  const reject = (line: number, reason: string, text: string) =>
    rejects.add(counts, kind, name, line, reason, text);
  const write = async (rows: Pending<RowOf[K]>[]) => {
    if (rows.length > 0) {
      // A dry run only reads: no transaction (and no write lock) is taken for it.
      const refused = dry
        ? await writeChunk(store, kind, rows, options, counts, dry)
        : await store.transaction((tx) => writeChunk(tx, kind, rows, options, counts));
      for (const [i, reason] of refused) reject(rows[i]!.line, reason, rows[i]!.text);
    }
    await rejects.drain();
  };
  // Chunks are written one after another while the reader goes on; the reader waits for them
  // at each block it reads, so at most a block's rows wait beyond the chunk being written.
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const rows = buffer;
    buffer = [];
    leads = new Set();
    writing = writing.then(() => write(rows));
    // Awaited at the next block or at the end; this only keeps it from counting as unhandled.
    writing.catch(() => undefined);
  };
  await readImportFile({
    kind,
    path,
    name,
    map,
    now: options.now,
    onRow: (row) => {
      counts.read++;
      const result: RowResult<RowOf[K]> = row.result;
      if (!result.ok) reject(row.line, result.reason, row.text);
      else {
        buffer.push({ line: row.line, text: row.text, value: result.value });
        const lead = leadOfRow(kind, result.value);
        if (lead !== undefined) leads.add(lead);
      }
      if (buffer.length >= size || leads.size >= lockCap) flush();
    },
    onBytes: (bytes) => {
      options.onProgress?.({ phase: kind, done: bytes, total });
      return writing;
    },
  });
  flush();
  await writing;
  options.onProgress?.({ phase: kind, done: total, total });
  return counts;
}

/** Writes one chunk; answers rows the store refused (by index), with the reason. */
async function writeChunk<K extends ImportKind>(
  tx: Parameters<Parameters<Store['transaction']>[0]>[0],
  kind: K,
  pending: readonly Pending<RowOf[K]>[],
  options: ImportOptions,
  counts: ImportCounts,
  dry?: DryRunState,
): Promise<Map<number, string>> {
  const { ws, now } = options;
  const rows = pending.map((p) => p.value);
  switch (kind) {
    case 'companies':
      await writeCompanies(tx, ws, rows as RowOf['companies'][], now, counts, dry);
      return new Map();
    case 'leads':
      await writeLeads(tx, ws, rows as RowOf['leads'][], now, counts, dry);
      return new Map();
    case 'events':
      await writeEvents(tx, ws, rows as RowOf['events'][], now, counts, dry);
      return new Map();
    default:
      return writeOutcomes(tx, ws, rows as RowOf['outcomes'][], options.quiet, counts, dry);
  }
}

/**
 * The leads a real import would score at the end: those the plan touched and those an earlier,
 * crashed import left pending; none without an active model (as rescorePending).
 */
async function dryRescored(
  store: Store,
  models: ActiveModels,
  ws: string,
  dry: DryRunState,
): Promise<number> {
  const pending = await pendingLeads(store, ws);
  for (const id of dry.pending) pending.add(id);
  if (pending.size === 0) return 0;
  return (await models.get(store, ws)) ? pending.size : 0;
}
