// The data catalog's reads (keyset pages of traits and event properties) and its stored document.
import type { CatalogMethods, CatalogTraitsRow } from '../catalog-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

export function catalogMethods(db: SqlDb, wsKeys: WorkspaceKeys): CatalogMethods {
  const d = db.dialect;
  const traitsPage = async (
    table: 'leads' | 'companies',
    wsId: string,
    { after, limit }: { after?: string; limit: number },
  ): Promise<CatalogTraitsRow[]> => {
    const ws = await wsKeys.of(wsId);
    const keyset = after === undefined ? '' : 'AND id > :after';
    const rows = await db.all<{ id: string; traits: unknown }>(
      `SELECT id, traits FROM ${table} WHERE ws = :ws ${keyset} ORDER BY id LIMIT :limit`,
      { ws, limit, ...(after === undefined ? {} : { after }) },
    );
    const what = table === 'leads' ? 'lead' : 'company';
    return rows.map((r) => ({
      id: r.id,
      traits: d.readObject(r.traits, `${what} "${r.id}" traits`),
    }));
  };
  return {
    catalogLeadsPage: (ws, page) => traitsPage('leads', ws, page),
    catalogCompaniesPage: (ws, page) => traitsPage('companies', ws, page),
    async catalogEventsPage(wsId, { afterSeq, limit }) {
      const ws = await wsKeys.of(wsId);
      const keyset = afterSeq === undefined ? '' : 'AND seq > :afterSeq';
      // Only the properties leave the database, not the whole message.
      const rows = await db.all<{
        seq: number | string;
        name: string;
        time: number | string;
        p: unknown;
      }>(
        `SELECT seq, name, time, ${d.jsonValue('payload', 'key')} AS p FROM events
         WHERE ws = :ws ${keyset} ORDER BY seq LIMIT :limit`,
        { ws, limit, key: 'properties', ...(afterSeq === undefined ? {} : { afterSeq }) },
      );
      return rows.map((r) => {
        const value = r.p === null || r.p === undefined ? {} : d.readJson(r.p);
        const properties =
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? (value as CatalogTraitsRow['traits'])
            : {};
        return { seq: Number(r.seq), name: r.name, time: Number(r.time), properties };
      });
    },
    async putCatalog(wsId, { document, computedAt }) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO catalogs (ws, document, computed_at) VALUES (:ws, :document, :computedAt)
         ON CONFLICT (ws) DO UPDATE SET document = excluded.document,
           computed_at = excluded.computed_at`,
        { ws, document: JSON.stringify(document), computedAt },
      );
    },
    async getCatalog(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ document: unknown; computed_at: number | string }>(
        'SELECT document, computed_at FROM catalogs WHERE ws = :ws',
        { ws },
      );
      if (!row) return undefined;
      return {
        document: d.readObject(row.document, 'the stored catalog'),
        computedAt: Number(row.computed_at),
      };
    },
  };
}
