// An import job's refused rows for the download: the job found (only an import job of the
// workspace), then its rejects page by page as CSV (kind,file,line,reason,row) or NDJSON.
import { StoreError, type Job, type Store, type StoredImportReject } from '../../store/port.js';
import { csvRow } from '../../ingest/csv-row.js';
import { IMPORT_JOB } from './start-import.js';

export const REJECT_FORMATS = ['csv', 'ndjson'] as const;
export type RejectFormat = (typeof REJECT_FORMATS)[number];

/** Rejects read from the store at a time. */
const PAGE = 1000;

const csvLine = (r: StoredImportReject) => csvRow([r.kind, r.file, r.line, r.reason, r.row]);

const ndjsonLine = (r: StoredImportReject) =>
  `${JSON.stringify({ kind: r.kind, file: r.file, line: r.line, reason: r.reason, row: r.row })}\n`;

/** Throws StoreError 'not_found' unless the workspace has an import job of this id. */
export async function importJobOf(store: Store, ws: string, id: string): Promise<Job> {
  const job = await store.getJob(ws, id);
  if (!job || job.kind !== IMPORT_JOB) throw new StoreError('not_found', `no import job "${id}"`);
  return job;
}

/** The download's text, a page of rejects at a time, in the order they were refused. */
export async function* rejectsText(
  store: Store,
  ws: string,
  jobId: string,
  format: RejectFormat,
): AsyncGenerator<string> {
  const line = format === 'csv' ? csvLine : ndjsonLine;
  if (format === 'csv') yield 'kind,file,line,reason,row\n';
  let after = 0;
  for (;;) {
    const page = await store.listImportRejects(ws, jobId, { limit: PAGE, afterSeq: after });
    if (page.length > 0) yield page.map(line).join('');
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.seq;
  }
}
