// The counts of one kind of file as an import goes (read, created, updated, duplicates, rejected
// by reason), and the rejects it reports: each to the caller, the first few in the result.
import type { ImportCounts, ImportKind, ImportReject, ImportResult } from './import-types.js';

/** Rejects kept in the result: enough to show what is wrong without a download. */
export const FIRST_REJECTS = 20;
const ROW_TEXT = 2000;

export function emptyCounts(): ImportCounts {
  return { read: 0, created: 0, updated: 0, duplicates: 0, rejected: 0, rejectedByReason: {} };
}

/**
 * A reason without its variable parts, to count rejects by: quoted values and numbers left out,
 * except the column a mapping's type refused (`column "size": expected a number, got "…"`).
 */
export function reasonKey(reason: string): string {
  return reason
    .replace(/("[^"]*")/g, (quoted, _q: string, offset: number) =>
      reason.slice(Math.max(0, offset - 7), offset) === 'column ' ? quoted : '"…"',
    )
    .replace(/\d+/g, 'N');
}

export class RejectLog {
  readonly first: ImportReject[] = [];
  private queue: ImportReject[] = [];

  constructor(private readonly report?: (reject: ImportReject) => void | Promise<void>) {}

  /** Counts the reject now; it reaches the caller at the next `drain`. */
  add(
    counts: ImportCounts,
    kind: ImportKind,
    file: string,
    line: number,
    reason: string,
    row: string,
  ): void {
    counts.rejected++;
    const key = reasonKey(reason);
    counts.rejectedByReason[key] = (counts.rejectedByReason[key] ?? 0) + 1;
    const reject = { kind, file, line, reason, row: row.slice(0, ROW_TEXT) };
    if (this.first.length < FIRST_REJECTS) this.first.push(reject);
    if (this.report) this.queue.push(reject);
  }

  /** Hands the rejects so far to the caller, in order (a returned promise is awaited). */
  async drain(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    for (const reject of queue) await this.report?.(reject);
  }
}

export type ResultCounts = ImportResult['counts'];
