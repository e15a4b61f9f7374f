// SQLite: trained predictive models, versioned per workspace, at most one active.
import { StoreError } from '../errors.js';
import type { PredictiveMethods } from '../predictive-port.js';
import { parseObject, type Sql } from './sqlite-db.js';

interface Row {
  version: number;
  kind: string;
  metrics: string;
  created_at: number;
  active: number;
}

export function predictiveMethods(sql: Sql): PredictiveMethods {
  return {
    async addPredictiveModel(ws, { kind, document, metrics }, now) {
      const known = sql<{ id: string }>('SELECT id FROM workspaces WHERE id = @ws').get({ ws });
      if (!known) throw new StoreError('not_found', `workspace ${ws} not found`);
      const next = sql<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM predictive_models WHERE workspace_id = @ws',
      ).get({ ws })!.version;
      sql(
        `INSERT INTO predictive_models (workspace_id, version, kind, artifact, metrics, created_at)
         VALUES (@ws, @version, @kind, @artifact, @metrics, @now)`,
      ).run({
        ws,
        version: next,
        kind,
        artifact: JSON.stringify(document),
        metrics: JSON.stringify(metrics),
        now,
      });
      return next;
    },
    async listPredictiveModels(ws) {
      return sql<Row>(
        `SELECT version, kind, metrics, created_at, active FROM predictive_models
         WHERE workspace_id = @ws ORDER BY version`,
      )
        .all({ ws })
        .map((r) => ({
          version: r.version,
          kind: r.kind,
          createdAt: r.created_at,
          active: r.active === 1,
          metrics: parseObject(r.metrics),
        }));
    },
    async getPredictiveModel(ws, version) {
      const row = sql<{ artifact: string }>(
        'SELECT artifact FROM predictive_models WHERE workspace_id = @ws AND version = @version',
      ).get({ ws, version });
      return row && parseObject(row.artifact);
    },
    async activatePredictiveModel(ws, version) {
      if (version !== null) {
        const found = sql<{ version: number }>(
          'SELECT version FROM predictive_models WHERE workspace_id = @ws AND version = @version',
        ).get({ ws, version });
        if (!found) return false;
      }
      sql(
        `UPDATE predictive_models SET active = CASE WHEN version = @version THEN 1 ELSE 0 END
         WHERE workspace_id = @ws`,
      ).run({ ws, version });
      return true;
    },
    async activePredictiveModel(ws) {
      const row = sql<{ version: number; artifact: string }>(
        'SELECT version, artifact FROM predictive_models WHERE workspace_id = @ws AND active = 1',
      ).get({ ws });
      return row && { version: row.version, document: parseObject(row.artifact) };
    },
  };
}
