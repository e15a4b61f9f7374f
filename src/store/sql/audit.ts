// The audit log: appended to in the transaction of the change it records, read newest first
// with filters and a keyset, and trimmed by retention. Nothing else updates or deletes its rows.
import { StoreError } from '../errors.js';
import type { TeamMethods } from '../team-port.js';
import type { AuditFilter, AuditPosition } from '../team-records.js';
import { AUDIT_COLUMNS, toAuditEntry, type AuditRow } from '../team-rows.js';
import { one, type SqlDb, type SqlValue } from './sql-db.js';
import { NO_WORKSPACE, type WorkspaceKeys } from './workspace-keys.js';

type AuditMethods = Pick<TeamMethods, 'appendAudit' | 'listAudit' | 'deleteAuditBefore'>;

/** The WHERE clauses of a filter, with their parameters (times: from inclusive, to exclusive). */
function filterClauses(filter: AuditFilter, params: Record<string, SqlValue>): string[] {
  const clauses: string[] = [];
  if (filter.actor !== undefined) {
    clauses.push('(actor_name = :actor OR actor_id = :actor)');
    params.actor = filter.actor;
  }
  if (filter.action !== undefined) {
    clauses.push('action = :action');
    params.action = filter.action;
  }
  if (filter.target !== undefined) {
    clauses.push('target = :target');
    params.target = filter.target;
  }
  if (filter.from !== undefined) {
    clauses.push('at >= :from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('at < :to');
    params.to = filter.to;
  }
  return clauses;
}

/** The numeric id behind an entry's id (ids are the order entries were appended in). */
function idOf(after: AuditPosition): number {
  const id = Number(after.id);
  if (!/^\d+$/.test(after.id) || !Number.isSafeInteger(id))
    throw new StoreError('invalid', `audit position: id "${after.id}" is not an entry id`);
  return id;
}

export function auditMethods(db: SqlDb, wsKeys: WorkspaceKeys): AuditMethods {
  return {
    async appendAudit(wsId, entry) {
      const ws = await wsKeys.of(wsId);
      if (ws === NO_WORKSPACE) throw new StoreError('not_found', `workspace ${wsId} not found`);
      const row = await db.get<AuditRow>(
        `INSERT INTO audit_log
           (ws, at, actor_kind, actor_id, actor_name, ip, action, target, summary)
         VALUES (:ws, :at, :actorKind, :actorId, :actorName, :ip, :action, :target, :summary)
         RETURNING ${AUDIT_COLUMNS}`,
        {
          ws,
          at: entry.at,
          actorKind: entry.actorKind,
          actorId: entry.actorId,
          actorName: entry.actorName,
          ip: entry.ip,
          action: entry.action,
          target: entry.target,
          summary: JSON.stringify(entry.summary),
        },
      );
      return toAuditEntry(one(row));
    },
    async listAudit(wsId, { filter, limit, after }) {
      const params: Record<string, SqlValue> = { ws: await wsKeys.of(wsId), limit };
      const clauses = ['ws = :ws', ...filterClauses(filter, params)];
      if (after) {
        clauses.push('(at, id) < (:afterAt, :afterId)');
        params.afterAt = after.at;
        params.afterId = idOf(after);
      }
      const rows = await db.all<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${clauses.join(' AND ')}
         ORDER BY at DESC, id DESC LIMIT :limit`,
        params,
      );
      return rows.map(toAuditEntry);
    },
    async deleteAuditBefore(before) {
      return db.run('DELETE FROM audit_log WHERE at < :before', { before });
    },
  };
}
