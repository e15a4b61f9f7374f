// A model version's history for both dialects: its activations and its last what-if.
import type { ModelHistoryMethods } from '../model-history-port.js';
import type { SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

/** How an unreadable result is named in the warning (see ../stored-json.ts). */
const RESULT = "a model version's what-if result";

export function modelHistoryMethods(db: SqlDb, wsKeys: WorkspaceKeys): ModelHistoryMethods {
  const d = db.dialect;
  return {
    async listModelActivations(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<{ version: number; at: number }>(
        'SELECT version, at FROM model_activations WHERE ws = :ws ORDER BY at, version',
        { ws },
      );
      return rows.map((r) => ({ version: Number(r.version), at: Number(r.at) }));
    },
    async putModelWhatIf(wsId, { version, at, result }) {
      const ws = await wsKeys.of(wsId);
      await db.run(
        `INSERT INTO model_what_ifs (ws, version, at, result)
         SELECT ws, version, CAST(:at AS BIGINT), ${d.jsonParam('result')} FROM models
         WHERE ws = :ws AND version = :version
         ON CONFLICT (ws, version) DO UPDATE SET at = excluded.at, result = excluded.result`,
        { ws, version, at, result: JSON.stringify(result) },
      );
    },
    async getModelWhatIf(wsId, version) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ at: number; result: unknown }>(
        'SELECT at, result FROM model_what_ifs WHERE ws = :ws AND version = :version',
        { ws, version },
      );
      return row && { version, at: Number(row.at), result: d.readObject(row.result, RESULT) };
    },
  };
}
