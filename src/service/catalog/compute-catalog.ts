// Computes a workspace's data catalog by streaming its leads, companies and events through the
// store in keyset pages and aggregating here in bounded memory (see path-stats.ts): the same code
// on SQLite and PostgreSQL, where flattening arbitrary JSON in SQL would need two dialects' worth
// of json_tree / jsonb_path queries and still hold every distinct value in the database's memory.
import { DAY_MS } from '../../core/compile-model.js';
import { DERIVED_EMAIL_FIELDS, deriveEmail } from '../../core/derived-fields.js';
import { EMAIL_DOMAIN_LISTS } from '../../core/email-lists.js';
import type { Store } from '../../store/port.js';
import type { PathSummary } from './path-stats.js';
import { MAX_PATHS, PathTable } from './path-table.js';

export const PAGE_SIZE = 1_000;
/** Event names tracked; later new names are not reported (`eventsComplete: false`). */
export const MAX_EVENT_NAMES = 500;
/** Property paths tracked per event name. */
const MAX_EVENT_PATHS = 200;

export interface EventSummary {
  name: string;
  counts: { last30Days: number; last90Days: number; allTime: number };
  properties: PathSummary[];
  propertiesComplete: boolean;
}

export interface CatalogDocument {
  /** When it was computed (epoch ms; the API answers ISO time). */
  computedAt: number;
  leads: number;
  companies: number;
  traits: PathSummary[];
  traitsComplete: boolean;
  companyTraits: PathSummary[];
  companyTraitsComplete: boolean;
  events: EventSummary[];
  eventsComplete: boolean;
}

export async function computeCatalog(
  store: Store,
  ws: string,
  now: number,
  pageSize = PAGE_SIZE,
): Promise<CatalogDocument> {
  const traits = new PathTable(MAX_PATHS);
  for (const path of DERIVED_EMAIL_FIELDS) traits.ensure(path, true);
  let after: string | undefined;
  for (;;) {
    const page = await store.catalogLeadsPage(ws, { after, limit: pageSize });
    for (const lead of page) {
      const own = traits.addRecord(lead.traits);
      const derived = deriveEmail(lead.traits.email, EMAIL_DOMAIN_LISTS);
      if (!derived) continue;
      // The lead's own value at a derived path wins, as the engine reads it (core/fields.ts).
      for (const path of DERIVED_EMAIL_FIELDS) {
        if (!own.has(path)) traits.addValue(path, derived[path], true);
      }
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }

  const companyTraits = new PathTable(MAX_PATHS);
  after = undefined;
  for (;;) {
    const page = await store.catalogCompaniesPage(ws, { after, limit: pageSize });
    for (const company of page) companyTraits.addRecord(company.traits);
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }

  const events = new Map<string, { counts: EventSummary['counts']; table: PathTable }>();
  let eventsComplete = true;
  let afterSeq: number | undefined;
  for (;;) {
    const page = await store.catalogEventsPage(ws, { afterSeq, limit: pageSize });
    for (const event of page) {
      let entry = events.get(event.name);
      if (!entry) {
        if (events.size >= MAX_EVENT_NAMES) {
          eventsComplete = false;
          continue;
        }
        entry = {
          counts: { last30Days: 0, last90Days: 0, allTime: 0 },
          table: new PathTable(MAX_EVENT_PATHS),
        };
        events.set(event.name, entry);
      }
      entry.counts.allTime += 1;
      // The last N days: (now - N days, now]; events dated after now count only in allTime.
      if (event.time <= now && event.time > now - 90 * DAY_MS) entry.counts.last90Days += 1;
      if (event.time <= now && event.time > now - 30 * DAY_MS) entry.counts.last30Days += 1;
      entry.table.addRecord(event.properties);
    }
    if (page.length < pageSize) break;
    afterSeq = page[page.length - 1]!.seq;
  }

  return {
    computedAt: now,
    leads: traits.records,
    companies: companyTraits.records,
    traits: traits.summaries(),
    traitsComplete: traits.complete,
    companyTraits: companyTraits.summaries(),
    companyTraitsComplete: companyTraits.complete,
    events: [...events]
      .map(([name, e]) => ({
        name,
        counts: e.counts,
        properties: e.table.summaries(),
        propertiesComplete: e.table.complete,
      }))
      .sort((a, b) => b.counts.allTime - a.counts.allTime || a.name.localeCompare(b.name)),
    eventsComplete,
  };
}
