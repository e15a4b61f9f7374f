// The store methods of an import job's rejects: added in bulk as the job refuses rows, paged
// through in order for the download, and deleted with the job.
import type { StoredImportReject } from './import-reject-records.js';

export interface ImportRejectMethods {
  /**
   * Adds the job's rejects (numbered by the caller). A reject whose seq the job already has is
   * kept as it was, so a batch written twice is stored once.
   */
  addImportRejects(
    ws: string,
    jobId: string,
    rejects: readonly StoredImportReject[],
  ): Promise<void>;
  /** The job's rejects in seq order, after `afterSeq` when given, at most `limit`. */
  listImportRejects(
    ws: string,
    jobId: string,
    page: { limit: number; afterSeq?: number | undefined },
  ): Promise<StoredImportReject[]>;
  /** Deletes the job's rejects; answers how many there were. */
  deleteImportRejects(ws: string, jobId: string): Promise<number>;
}
