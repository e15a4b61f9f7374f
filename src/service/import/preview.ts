// The first rows of an import file as the import will read them: each column and the name it
// maps to (or that it is ignored), and per row its mapped values or why it would be refused.
import { z } from 'zod';
import type { ImportMap } from './import-map.js';
import { IMPORT_KINDS, type ImportKind } from './import-types.js';
import { csvColumns, formatOf, readImportFile } from './read-import-file.js';

export const importPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.string(),
  format: z.enum(['csv', 'ndjson']),
  /** The file's columns in order (none for NDJSON, whose calls have no header). */
  columns: z.array(
    z.object({
      column: z.string(),
      /** The trait path or reserved column it maps to; null when the mapping ignores it. */
      to: z.string().nullable(),
      type: z.enum(['string', 'number', 'boolean', 'date']),
    }),
  ),
  rows: z.array(
    z.object({
      line: z.number().int(),
      /** The mapped values (absent when the row could not be read at all). */
      values: z.record(z.string(), z.unknown()).nullable(),
      /** Why the import would refuse the row; null when it would be imported. */
      reject: z.string().nullable(),
    }),
  ),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** Thrown inside the reader to stop it once enough rows were read. */
class Enough extends Error {}

export async function previewImport(
  kind: ImportKind,
  path: string,
  map: ImportMap | undefined,
  options: { limit: number; name?: string; now?: number },
): Promise<ImportPreview> {
  const name = options.name ?? path;
  const format = await formatOf(kind, path);
  const columns = format === 'csv' ? await csvColumns(kind, path, name, map) : [];
  const rows: ImportPreview['rows'] = [];
  try {
    await readImportFile({
      kind,
      path,
      name,
      map,
      now: options.now ?? Date.now(),
      onRow: (row) => {
        if (rows.length >= options.limit) return;
        rows.push({
          line: row.line,
          values: row.values ?? null,
          reject: row.result.ok ? null : row.result.reason,
        });
      },
      onBytes: () => (rows.length >= options.limit ? Promise.reject(new Enough()) : undefined),
    });
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  }
  return { kind, file: name, format, columns, rows };
}
