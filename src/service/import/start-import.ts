// Starts an import as a background job of this process: the files are checked first (a bad
// mapping or header is the caller's mistake, answered before any job exists), then read by
// runImport under the job's lease with its progress, every refused row kept for the download,
// and the ImportResult stored as the job's result. `release` runs once the files are read,
// before the job is marked ended, however it ends (the caller removes its uploads there).
import type { Job, JsonObject, Store, StoredImportReject } from '../../store/port.js';
import { runJob, type ReportProgress } from '../jobs/run-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { loadImportMap } from './import-map.js';
import {
  IMPORT_KINDS,
  type ImportFiles,
  type ImportKind,
  type ImportPhase,
  type ImportProgress,
  type ImportReject,
} from './import-types.js';
import { checkImportFile } from './read-import-file.js';
import { runImport } from './run-import.js';

export const IMPORT_JOB = 'import';

/** Rejects written to the store in one statement. */
const REJECT_BATCH = 500;

export interface ImportRequest {
  ws: string;
  files: ImportFiles;
  /** Each file's size in bytes, for the job's progress. */
  sizes: Partial<Record<ImportKind, number>>;
  dryRun: boolean;
  quiet: boolean;
  /**
   * A failure's message as the user should read it (an upload's temporary paths replaced by its
   * names); as it is when absent.
   */
  userText?: ((message: string) => string) | undefined;
}

/** The kinds given, in the order an import reads them. */
export const kindsOf = (files: ImportFiles): ImportKind[] =>
  IMPORT_KINDS.filter((kind) => files[kind] !== undefined);

/**
 * Throws ImportMapError, CsvHeaderError or NdjsonShapeError (see importUserError) for a
 * mapping or a file that is wrong as a whole.
 */
export async function checkImport(files: ImportFiles): Promise<void> {
  const map = files.map === undefined ? undefined : await loadImportMap(files.map);
  for (const kind of kindsOf(files))
    await checkImportFile(kind, files[kind]!, files.names?.[kind] ?? files[kind]!, map);
}

/** Answers the queued job; `running` resolves once it has ended (and `release` has run). */
export async function startImport(
  store: Store,
  models: ActiveModels,
  request: ImportRequest,
  clock: () => number,
  release: () => Promise<void>,
): Promise<{ job: Job; running: Promise<void> }> {
  const job = await store.createJob(request.ws, { kind: IMPORT_JOB, total: 0 }, clock());
  const running = runJob(store, request.ws, job.id, clock, async (progress) => {
    try {
      return await importWork(store, models, request, job.id, clock, progress);
    } finally {
      await release();
    }
  })
    // Also when the job never started its work (its store closed first); release is idempotent.
    .finally(release);
  return { job, running };
}

async function importWork(
  store: Store,
  models: ActiveModels,
  request: ImportRequest,
  jobId: string,
  clock: () => number,
  report: ReportProgress,
) {
  const progress = overallProgress(request.sizes, report);
  const rejects = new RejectWriter(store, request.ws, jobId);
  let result;
  try {
    result = await runImport(store, models, {
      ws: request.ws,
      files: request.files,
      dryRun: request.dryRun,
      quiet: request.quiet,
      now: clock(),
      onProgress: progress.update,
      onReject: (reject) => rejects.add(reject),
    });
  } catch (error) {
    // The rows refused before it failed can still be downloaded.
    await rejects.flush().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(request.userText ? request.userText(message) : message, { cause: error });
  }
  // A reject that could not be stored fails the job: none is lost without a word.
  await rejects.flush();
  return { done: progress.total(), result: result as unknown as JsonObject };
}

/** Progress is written at most this often (and when a phase starts). */
const PROGRESS_EVERY_MS = 2000;

/**
 * One progress for the whole import: bytes read of every file, then leads rescored. A phase's
 * total is its file's size until it reports its own. Written every 2 s (and once per phase),
 * not four times a second as runJob allows: each write is a commit (an fsync on SQLite with full
 * sync) queued between the import's own.
 */
function overallProgress(sizes: ImportRequest['sizes'], report: ReportProgress) {
  const phases = new Map<ImportPhase, { done: number; total: number }>(
    Object.entries(sizes).map(([kind, size]) => [kind as ImportKind, { done: 0, total: size }]),
  );
  const sum = (key: 'done' | 'total') =>
    [...phases.values()].reduce((all, phase) => all + phase[key], 0);
  let phase: ImportPhase | undefined;
  // Wall time, as runJob's own throttle: how often to write, not a time anything records.
  let written = 0;
  return {
    update: (p: ImportProgress) => {
      phases.set(p.phase, { done: p.done, total: p.total });
      const at = Date.now();
      if (p.phase === phase && at - written < PROGRESS_EVERY_MS) return;
      phase = p.phase;
      written = at;
      report(sum('done'), sum('total'));
    },
    total: () => sum('total'),
  };
}

/** Numbers the job's rejects in the order they come and stores them in batches. */
class RejectWriter {
  private batch: StoredImportReject[] = [];
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly ws: string,
    private readonly jobId: string,
  ) {}

  async add(reject: ImportReject): Promise<void> {
    this.batch.push({ seq: ++this.seq, ...reject });
    if (this.batch.length >= REJECT_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.store.addImportRejects(this.ws, this.jobId, batch);
  }
}
