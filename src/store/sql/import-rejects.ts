// An import job's rejects: written in bulk, read back by keyset in the order they were refused.
import type { StoredImportReject } from '../import-reject-records.js';
import type { ImportRejectMethods } from '../import-rejects-port.js';
import type { Column, SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

const COLUMNS: readonly Column<StoredImportReject>[] = [
  { name: 'seq', type: 'bigint', value: (r) => r.seq },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'file', type: 'text', value: (r) => r.file },
  { name: 'line', type: 'bigint', value: (r) => r.line },
  { name: 'reason', type: 'text', value: (r) => r.reason },
  { name: 'row_text', type: 'text', value: (r) => r.row },
];

export function importRejectMethods(db: SqlDb, wsKeys: WorkspaceKeys): ImportRejectMethods {
  return {
    async addImportRejects(wsId, jobId, rejects) {
      if (rejects.length === 0) return;
      const ws = await wsKeys.of(wsId);
      await db.insertMany({
        table: 'import_rejects',
        fixed: { ws, job_id: jobId },
        columns: COLUMNS,
        rows: rejects,
        conflict: 'ON CONFLICT (ws, job_id, seq) DO NOTHING',
        // Rows of up to 2,000 characters: keep a statement to a few megabytes.
        chunk: 500,
      });
    },
    async listImportRejects(wsId, jobId, { limit, afterSeq }) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<Omit<StoredImportReject, 'row'> & { row_text: string }>(
        `SELECT seq, kind, file, line, reason, row_text FROM import_rejects
         WHERE ws = :ws AND job_id = :jobId AND seq > :after ORDER BY seq LIMIT :limit`,
        { ws, jobId, after: afterSeq ?? 0, limit },
      );
      return rows.map(({ row_text, ...rest }) => ({ ...rest, row: row_text }));
    },
    async deleteImportRejects(wsId, jobId) {
      const ws = await wsKeys.of(wsId);
      return db.run('DELETE FROM import_rejects WHERE ws = :ws AND job_id = :jobId', {
        ws,
        jobId,
      });
    },
  };
}
