// Trained predictive models, versioned per workspace, at most one active.
import { StoreError } from '../errors.js';
import type { PredictiveMethods } from '../predictive-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';
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

export function predictiveMethods(db: SqlDb, wsKeys: WorkspaceKeys): PredictiveMethods {
  const d = db.dialect;
  return {
    async addPredictiveModel(wsId, { kind, document, metrics }, now) {
      const ws = await wsKeys.of(wsId);
      // The row lock on the workspace (PostgreSQL; held to the end of the transaction every
      // method runs in) serialises concurrent versions: the next one reads the committed maximum.
      const known = await db.get(`SELECT id FROM workspaces WHERE ws = :ws ${d.forUpdate}`, {
        ws,
      });
      if (!known) throw new StoreError('not_found', `workspace ${wsId} not found`);
      const row = await db.get<{ version: number }>(
        `INSERT INTO predictive_models (ws, version, kind, artifact, metrics, created_at)
         SELECT CAST(:ws AS INTEGER), COALESCE(MAX(version), 0) + 1, CAST(:kind AS TEXT),
           ${d.jsonParam('artifact')}, ${d.jsonParam('metrics')}, CAST(:now AS BIGINT)
         FROM predictive_models WHERE ws = :ws
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
    async listPredictiveModels(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<Row>(
        `SELECT version, kind, metrics, created_at, active FROM predictive_models
         WHERE ws = :ws ORDER BY version`,
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
    async getPredictiveModel(wsId, version) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ artifact: unknown }>(
        'SELECT artifact FROM predictive_models WHERE ws = :ws AND version = :version',
        { ws, version },
      );
      return row && d.readObject(row.artifact, DOCUMENT);
    },
    async activatePredictiveModel(wsId, version) {
      const ws = await wsKeys.of(wsId);
      if (version !== null) {
        const found = await db.get(
          'SELECT 1 FROM predictive_models WHERE ws = :ws AND version = :version',
          { ws, version },
        );
        if (!found) return false;
      }
      await db.run(
        `UPDATE predictive_models
         SET active = CASE WHEN version = :version THEN TRUE ELSE FALSE END
         WHERE ws = :ws`,
        { ws, version },
      );
      return true;
    },
    async activePredictiveModel(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ version: number; artifact: unknown }>(
        `SELECT version, artifact FROM predictive_models
         WHERE ws = :ws AND active = TRUE`,
        { ws },
      );
      return row && { version: row.version, document: d.readObject(row.artifact, DOCUMENT) };
    },
  };
}
