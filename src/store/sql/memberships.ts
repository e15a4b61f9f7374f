// Memberships: a user's one role in each workspace it belongs to.
import { StoreError } from '../errors.js';
import type { TeamMethods } from '../team-port.js';
import type { Membership } from '../team-records.js';
import { toUser, USER_COLUMNS_OF_U, type MembershipRow, type UserRow } from '../team-rows.js';
import { one, type SqlDb } from './sql-db.js';
import { NO_WORKSPACE, type WorkspaceKeys } from './workspace-keys.js';

type MembershipMethods = Pick<
  TeamMethods,
  | 'setMembership'
  | 'removeMembership'
  | 'membership'
  | 'membershipsOf'
  | 'listMembers'
  | 'countActiveOwners'
>;

const MEMBERSHIP = `w.id AS workspace_id, w.name AS workspace_name, m.user_id, m.role,
  m.created_at FROM memberships m JOIN workspaces w ON w.ws = m.ws`;

const toMembership = (r: MembershipRow): Membership => ({
  workspaceId: r.workspace_id,
  workspaceName: r.workspace_name,
  userId: r.user_id,
  role: r.role,
  createdAt: Number(r.created_at),
});

export function membershipMethods(db: SqlDb, wsKeys: WorkspaceKeys): MembershipMethods {
  return {
    async setMembership(wsId, userId, role, now) {
      const ws = await wsKeys.of(wsId);
      if (ws === NO_WORKSPACE) throw new StoreError('not_found', `workspace ${wsId} not found`);
      if (!(await db.get('SELECT 1 AS found FROM users WHERE id = :userId', { userId })))
        throw new StoreError('not_found', `user ${userId} not found`);
      await db.run(
        `INSERT INTO memberships (ws, user_id, role, created_at) VALUES (:ws, :userId, :role, :now)
         ON CONFLICT (ws, user_id) DO UPDATE SET role = excluded.role`,
        { ws, userId, role, now },
      );
    },
    async removeMembership(wsId, userId) {
      const ws = await wsKeys.of(wsId);
      const removed = await db.run('DELETE FROM memberships WHERE ws = :ws AND user_id = :userId', {
        ws,
        userId,
      });
      return removed > 0;
    },
    async membership(wsId, userId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<MembershipRow>(
        `SELECT ${MEMBERSHIP} WHERE m.ws = :ws AND m.user_id = :userId`,
        { ws, userId },
      );
      return row && toMembership(row);
    },
    async membershipsOf(userId) {
      const rows = await db.all<MembershipRow>(
        `SELECT ${MEMBERSHIP} WHERE m.user_id = :userId ORDER BY w.name, w.id`,
        { userId },
      );
      return rows.map(toMembership);
    },
    async listMembers(wsId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<UserRow & { role: MembershipRow['role']; since: number }>(
        `SELECT ${USER_COLUMNS_OF_U}, m.role, m.created_at AS since
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.ws = :ws ORDER BY u.email`,
        { ws },
      );
      return rows.map((r) => ({ user: toUser(r), role: r.role, since: Number(r.since) }));
    },
    async countActiveOwners(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ n: number }>(
        `SELECT count(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.ws = :ws AND m.role = 'owner' AND NOT u.disabled`,
        { ws },
      );
      return Number(one(row).n);
    },
  };
}
