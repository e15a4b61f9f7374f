// A row an import job refused, as the store keeps it: numbered in the order it was refused, with
// the file and line it came from, why, and its text as read.
import { z } from 'zod';

export const storedImportRejectSchema = z.object({
  /** 1-based position among the job's rejects: the order they are listed in. */
  seq: z.number().int().min(1),
  /** The kind of file (companies, leads, events, outcomes). */
  kind: z.string(),
  /** The file's name as the user knows it. */
  file: z.string(),
  /** 1-based line of the file. */
  line: z.number().int(),
  reason: z.string(),
  row: z.string(),
});

export type StoredImportReject = z.infer<typeof storedImportRejectSchema>;
