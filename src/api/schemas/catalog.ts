// The data catalog as the API answers it: paths of lead and company traits and of event
// properties with types, coverage and frequent values; event counts; and how fresh it is.
import { z } from 'zod';
import { isoTime } from './iso-time.js';

const typeCounts = z
  .object({
    string: z.number().int().optional(),
    number: z.number().int().optional(),
    boolean: z.number().int().optional(),
    array: z.number().int().optional(),
    object: z.number().int().optional(),
  })
  .describe('How many records hold each JSON type at the path');

export const pathSummarySchema = z
  .object({
    path: z.string().describe('Dotted path, as conditions name fields (`company.industry`)'),
    count: z.number().int().describe('Records with a value there (missing values do not count)'),
    coverage: z.number().describe('count / records of the section, 0 to 1'),
    types: typeCounts,
    values: z
      .array(
        z.object({
          value: z.union([z.string(), z.number(), z.boolean()]),
          count: z.number().int(),
        }),
      )
      .describe('At most 20 most frequent values (list elements one each), by count, then value'),
    valuesComplete: z
      .boolean()
      .describe('False when more than 5,000 distinct values arrived: the counts are lower bounds'),
    numbers: z
      .object({
        min: z.number(),
        max: z.number(),
        p25: z.number(),
        p50: z.number(),
        p75: z.number(),
        exact: z.boolean().describe('False when the quantiles come from a 10,000-value sample'),
      })
      .optional()
      .describe('For numeric values'),
    derived: z
      .literal(true)
      .optional()
      .describe(
        'Computed by the engine from the `email` trait (email.domain, isBusiness, isDisposable)',
      ),
  })
  .meta({ id: 'CatalogPath' });

export const catalogEventSchema = z.object({
  name: z.string(),
  counts: z.object({
    last30Days: z.number().int().describe('Events timed in (now - 30 days, now]'),
    last90Days: z.number().int().describe('Events timed in (now - 90 days, now]'),
    allTime: z.number().int(),
  }),
  properties: z
    .array(pathSummarySchema)
    .describe('Paths under `properties` (coverage: share of this event)'),
  propertiesComplete: z.boolean(),
});

export const catalogSchema = z
  .object({
    asOf: isoTime
      .nullable()
      .describe('When the catalog was computed (null: first one still computing)'),
    source: z
      .enum(['computed', 'stored', 'pending'])
      .describe(
        'computed: in this call (first call on a small workspace); stored: the kept one; pending: the first one is being computed',
      ),
    maxAgeMinutes: z
      .number()
      .describe('A kept catalog older than this is refreshed in the background'),
    refreshJobId: z
      .string()
      .nullable()
      .describe('The refresh job running now, if any (follow it at /v1/jobs/{id})'),
    leads: z.number().int(),
    companies: z.number().int(),
    traits: z.array(pathSummarySchema),
    traitsComplete: z.boolean().describe('False when paths beyond 1,000 were left out'),
    companyTraits: z.array(pathSummarySchema),
    companyTraitsComplete: z.boolean(),
    events: z.array(catalogEventSchema),
    eventsComplete: z.boolean().describe('False when event names beyond 500 were left out'),
  })
  .meta({ id: 'Catalog', description: 'What the workspace data holds' });

export type CatalogResponse = z.infer<typeof catalogSchema>;
