// Server-side sessions, found by the hash of the cookie's token.
import type { TeamMethods } from '../team-port.js';
import { SESSION_COLUMNS, toSession, type SessionRow } from '../team-rows.js';
import type { SqlDb } from './sql-db.js';

type SessionMethods = Pick<
  TeamMethods,
  | 'createSession'
  | 'findSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteSessionsOfUser'
  | 'deleteExpiredSessions'
>;

export function sessionMethods(db: SqlDb): SessionMethods {
  return {
    async createSession(s) {
      await db.run(
        `INSERT INTO sessions (${SESSION_COLUMNS})
         VALUES (:tokenHash, :userId, :createdAt, :lastSeenAt, :expiresAt, :ip, :userAgent)`,
        { ...s },
      );
    },
    async findSession(tokenHash) {
      const row = await db.get<SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = :tokenHash`,
        { tokenHash },
      );
      return row && toSession(row);
    },
    async touchSession(tokenHash, now) {
      // Never moves backwards: a slow request finishing late leaves a later touch in place.
      await db.run(
        `UPDATE sessions SET last_seen_at = :now
         WHERE token_hash = :tokenHash AND last_seen_at < :now`,
        { tokenHash, now },
      );
    },
    async deleteSession(tokenHash) {
      return (
        (await db.run('DELETE FROM sessions WHERE token_hash = :tokenHash', { tokenHash })) > 0
      );
    },
    async deleteSessionsOfUser(userId) {
      return db.run('DELETE FROM sessions WHERE user_id = :userId', { userId });
    },
    async deleteExpiredSessions(now, idleBefore) {
      return db.run('DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at < :idleBefore', {
        now,
        idleBefore,
      });
    },
  };
}
