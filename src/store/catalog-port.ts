// The store methods behind the data catalog: keyset pages of traits and event properties to
// aggregate, and the one stored catalog document per workspace with when it was computed.
import type { JsonObject } from './records.js';

export interface CatalogTraitsRow {
  id: string;
  traits: JsonObject;
}

export interface CatalogEventRow {
  seq: number;
  name: string;
  /** Epoch ms: the event's own time. */
  time: number;
  /** The message's `properties` object ({} when it has none). */
  properties: JsonObject;
}

export interface StoredCatalog {
  document: JsonObject;
  computedAt: number;
}

export interface CatalogMethods {
  /** Leads in id order after `after` (keyset), at most `limit`. */
  catalogLeadsPage(
    ws: string,
    page: { after?: string; limit: number },
  ): Promise<CatalogTraitsRow[]>;
  /** Companies in id order after `after` (keyset), at most `limit`. */
  catalogCompaniesPage(
    ws: string,
    page: { after?: string; limit: number },
  ): Promise<CatalogTraitsRow[]>;
  /** Every event (attributed or not) in seq order after `afterSeq`, at most `limit`. */
  catalogEventsPage(
    ws: string,
    page: { afterSeq?: number; limit: number },
  ): Promise<CatalogEventRow[]>;
  /** Sets (or replaces) the workspace's catalog. */
  putCatalog(ws: string, catalog: StoredCatalog): Promise<void>;
  /** The workspace's stored catalog; undefined before the first one. */
  getCatalog(ws: string): Promise<StoredCatalog | undefined>;
}
