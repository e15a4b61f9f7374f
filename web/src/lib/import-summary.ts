// What an import's job and result read as on the page: the progress in percent, the counts per
// kind with a total row, and the rejected rows' reasons, most frequent first.
import type { ImportCounts, ImportKind, ImportResult } from '../api/import-types';
import type { Job } from '../api/types';
import { KINDS } from './import-files';

/** The job's progress in percent (0 until its total is known, 100 once it succeeded). */
export function progressPercent(job: Pick<Job, 'status' | 'progress' | 'total'>): number {
  if (job.status === 'succeeded') return 100;
  if (job.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((job.progress / job.total) * 100)));
}

export interface CountsRow {
  kind: ImportKind | 'total';
  counts: Omit<ImportCounts, 'rejectedByReason'>;
  /** Rows read and not rejected: what a dry run found importable. */
  accepted: number;
}

const FIGURES = ['read', 'created', 'updated', 'duplicates', 'rejected'] as const;

/** One row per kind the import read, in page order, and a total row when there are several. */
export function countsRows(result: ImportResult): CountsRow[] {
  const rows: CountsRow[] = [];
  for (const kind of KINDS) {
    const counts = result.counts[kind];
    if (counts) rows.push({ kind, counts, accepted: counts.read - counts.rejected });
  }
  if (rows.length > 1) {
    const total = { read: 0, created: 0, updated: 0, duplicates: 0, rejected: 0 };
    for (const row of rows) for (const figure of FIGURES) total[figure] += row.counts[figure];
    rows.push({ kind: 'total', counts: total, accepted: total.read - total.rejected });
  }
  return rows;
}

export function rejectedTotal(result: ImportResult): number {
  return KINDS.reduce((n, kind) => n + (result.counts[kind]?.rejected ?? 0), 0);
}

export interface ReasonRow {
  kind: ImportKind;
  reason: string;
  count: number;
}

/** Every kind's rejected rows by reason, the most frequent first (then by kind and reason). */
export function reasonRows(result: ImportResult): ReasonRow[] {
  const rows: ReasonRow[] = [];
  for (const kind of KINDS) {
    for (const [reason, count] of Object.entries(result.counts[kind]?.rejectedByReason ?? {}))
      rows.push({ kind, reason, count });
  }
  return rows.sort(
    (a, b) =>
      b.count - a.count ||
      KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
      a.reason.localeCompare(b.reason),
  );
}
