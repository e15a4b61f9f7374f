// What a bulk import reads (files of leads, companies, events and outcomes, and a mapping),
// what it reports as it goes, and what it answers: the one contract the CLI, the HTTP route
// and the dashboard share.
import { z } from 'zod';

/** The kinds of file an import reads, in the order they are imported. */
export const IMPORT_KINDS = ['companies', 'leads', 'events', 'outcomes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Paths of the files to import (any subset, at least one) and of the mapping file. */
export interface ImportFiles {
  leads?: string | undefined;
  companies?: string | undefined;
  events?: string | undefined;
  outcomes?: string | undefined;
  /** A YAML mapping: column renames to trait paths, types, ignored columns (per kind). */
  map?: string | undefined;
  /**
   * The names to report in rejects and problems instead of the paths (an upload's own file name
   * rather than the temporary file it was saved to).
   */
  names?: Partial<Record<ImportKind, string>> | undefined;
}

/** A refused row: where it was and why. Nothing refused is dropped without one of these. */
export const importRejectSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** The file's name as the user knows it. */
  file: z.string(),
  /** 1-based line of the file (a CSV record's first line). */
  line: z.number().int(),
  reason: z.string(),
  /** The row's text as read (cut to 2,000 characters), so it can be fixed and sent again. */
  row: z.string(),
});
export type ImportReject = z.infer<typeof importRejectSchema>;

/** Counts for one kind of file. */
export const importCountsSchema = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Already stored (same messageId, same lead and time, identical row): nothing changed. */
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** Rejected rows per reason, with the reason's variable parts (values, line numbers) left out. */
  rejectedByReason: z.record(z.string(), z.number().int()),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

/** What an import did (or, in a dry run, would do). */
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  counts: z.object({
    companies: importCountsSchema.optional(),
    leads: importCountsSchema.optional(),
    events: importCountsSchema.optional(),
    outcomes: importCountsSchema.optional(),
  }),
  /** Leads scored again at the end (every lead the import touched); in a dry run, those it would score. */
  rescored: z.number().int(),
  /** The first rejects (at most 20), so a dry run shows what is wrong without a download. */
  firstRejects: z.array(importRejectSchema),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export type ImportPhase = ImportKind | 'rescore';

export interface ImportProgress {
  phase: ImportPhase;
  /** Bytes read of the phase's file, or leads rescored. */
  done: number;
  /** The file's size in bytes, or the leads to rescore. */
  total: number;
}

export interface ImportOptions {
  /** Workspace id. */
  ws: string;
  files: ImportFiles;
  /**
   * Read, map and check everything and count what the import would do (read-only lookups, the
   * plan kept in memory); write nothing.
   */
  dryRun: boolean;
  /** Fire no segment actions, hand-overs or webhooks for the changes the import makes. */
  quiet: boolean;
  /** Epoch ms: the import's time (new rows' createdAt, scores as of now). */
  now: number;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Rows per chunk (one transaction each), for every kind: the defaults when absent. */
  chunkRows?: number | undefined;
  /** Every refused row, in file order per kind. */
  onReject?: ((reject: ImportReject) => void | Promise<void>) | undefined;
}
