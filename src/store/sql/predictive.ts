// Trained predictive models, versioned per workspace, at most one active.
import { StoreError } from '../errors.js';
import type { PredictiveMethods } from '../predictive-port.js';
import type { SqlDb } from './sql-db.js';
import { one } from './sql-db.js';

interface Row {
  version: number;
  kind: string;
  metrics: unknown;
  created_at: number;
  active: number | boolean;
}

/** How an unreadable document is named in the warning (see ../stored-json.ts). */
const DOCUMENT = 'a stored JSON object';

export function predictiveMethods(db: SqlDb): PredictiveMethods {
  const d = db.dialect;
  return {
    async addPredictiveModel(ws, { kind, document, metrics }, now) {
      // The row lock on the workspace (PostgreSQL; held to the end of the transaction every
      // method runs in) serialises concurrent versions: the next one reads the committed maximum.
      const known = await db.get(`SELECT id FROM workspaces WHERE id = :ws ${d.forUpdate}`, {
        ws,
      });
      if (!known) throw new StoreError('not_found', `workspace ${ws} not found`);
      const row = await db.get<{ version: number }>(
        `INSERT INTO predictive_models (workspace_id, version, kind, artifact, metrics, created_at)
         SELECT CAST(:ws AS TEXT), COALESCE(MAX(version), 0) + 1, CAST(:kind AS TEXT),
           ${d.jsonParam('artifact')}, ${d.jsonParam('metrics')}, CAST(:now AS BIGINT)
         FROM predictive_models WHERE workspace_id = :ws
         RETURNING version`,
        {
          ws,
          kind,
          artifact: JSON.stringify(document),
          metrics: JSON.stringify(metrics),
          now,
        },
      );
      return one(row).version;
    },
    async listPredictiveModels(ws) {
      const rows = await db.all<Row>(
        `SELECT version, kind, metrics, created_at, active FROM predictive_models
         WHERE workspace_id = :ws ORDER BY version`,
        { ws },
      );
      return rows.map((r) => ({
        version: r.version,
        kind: r.kind,
        createdAt: r.created_at,
        active: Boolean(r.active),
        metrics: d.readObject(r.metrics, DOCUMENT),
      }));
    },
    async getPredictiveModel(ws, version) {
      const row = await db.get<{ artifact: unknown }>(
        'SELECT artifact FROM predictive_models WHERE workspace_id = :ws AND version = :version',
        { ws, version },
      );
      return row && d.readObject(row.artifact, DOCUMENT);
    },
    async activatePredictiveModel(ws, version) {
      if (version !== null) {
        const found = await db.get(
          'SELECT 1 FROM predictive_models WHERE workspace_id = :ws AND version = :version',
          { ws, version },
        );
        if (!found) return false;
      }
      await db.run(
        `UPDATE predictive_models
         SET active = CASE WHEN version = :version THEN TRUE ELSE FALSE END
         WHERE workspace_id = :ws`,
        { ws, version },
      );
      return true;
    },
    async activePredictiveModel(ws) {
      const row = await db.get<{ version: number; artifact: unknown }>(
        `SELECT version, artifact FROM predictive_models
         WHERE workspace_id = :ws AND active = TRUE`,
        { ws },
      );
      return row && { version: row.version, document: d.readObject(row.artifact, DOCUMENT) };
    },
  };
}
