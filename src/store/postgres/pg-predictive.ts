// PostgreSQL: trained predictive models, versioned per workspace, at most one active.
import { StoreError } from '../errors.js';
import type { PredictiveMethods } from '../predictive-port.js';
import type { JsonObject } from '../records.js';
import type { Query } from './pg-db.js';

interface Row {
  version: number;
  kind: string;
  metrics: JsonObject;
  created_at: number;
  active: boolean;
}

export function predictiveMethods(q: Query): PredictiveMethods {
  return {
    async addPredictiveModel(ws, { kind, document, metrics }, now) {
      // The row lock on the workspace (held to the end of the transaction every method runs in)
      // serialises concurrent versions: the next one reads the committed maximum.
      const { rows: locked } = await q('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [ws]);
      if (locked.length === 0) throw new StoreError('not_found', `workspace ${ws} not found`);
      const { rows } = await q<{ version: number }>(
        `INSERT INTO predictive_models (workspace_id, version, kind, artifact, metrics, created_at)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3::jsonb, $4::jsonb, $5
         FROM predictive_models WHERE workspace_id = $1
         RETURNING version`,
        [ws, kind, JSON.stringify(document), JSON.stringify(metrics), now],
      );
      return rows[0]!.version;
    },
    async listPredictiveModels(ws) {
      const { rows } = await q<Row>(
        `SELECT version, kind, metrics, created_at, active FROM predictive_models
         WHERE workspace_id = $1 ORDER BY version`,
        [ws],
      );
      return rows.map((r) => ({
        version: r.version,
        kind: r.kind,
        createdAt: r.created_at,
        active: r.active,
        metrics: r.metrics,
      }));
    },
    async getPredictiveModel(ws, version) {
      const { rows } = await q<{ artifact: JsonObject }>(
        'SELECT artifact FROM predictive_models WHERE workspace_id = $1 AND version = $2',
        [ws, version],
      );
      return rows[0]?.artifact;
    },
    async activatePredictiveModel(ws, version) {
      if (version !== null) {
        const { rows } = await q(
          'SELECT 1 FROM predictive_models WHERE workspace_id = $1 AND version = $2',
          [ws, version],
        );
        if (rows.length === 0) return false;
      }
      await q(
        'UPDATE predictive_models SET active = (version IS NOT DISTINCT FROM $2::int) WHERE workspace_id = $1',
        [ws, version],
      );
      return true;
    },
    async activePredictiveModel(ws) {
      const { rows } = await q<{ version: number; document: JsonObject }>(
        'SELECT version, artifact AS document FROM predictive_models WHERE workspace_id = $1 AND active',
        [ws],
      );
      return rows[0];
    },
  };
}
