// The queries of the lead and account exports (the list's filters, a format, trait columns) and
// their streamed answer, CSV or NDJSON.
import { z } from 'zod';
import { leadListFiltersSchema } from './lead-list.js';

const exportOptions = {
  format: z
    .enum(['csv', 'ndjson'])
    .default('csv')
    .describe('csv: a header line, then a line per row; ndjson: a JSON object per line'),
  traits: z
    .string()
    .max(10_000)
    .optional()
    .describe(
      'Trait columns `traits.<path>`: dotted paths, comma-separated (`title,company.employees`), or `*` for every trait as one `traits` column (JSON)',
    ),
};

export const leadExportQuerySchema = leadListFiltersSchema.extend(exportOptions);

export const accountExportQuerySchema = z.object({
  segment: z.string().min(1).optional(),
  ...exportOptions,
});

/** The streamed file: its media type follows `format`. */
export function exportResponse(description: string) {
  return {
    description,
    content: {
      'text/csv': { schema: z.string().describe('CSV, formula-protected (see the README)') },
      'application/x-ndjson': { schema: z.string().describe('One JSON object per line') },
    },
  };
}
