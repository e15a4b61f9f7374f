// Users: one row per e-mail address (lower-cased here, so every lookup is case-insensitive).
import { randomUUID } from 'node:crypto';
import { StoreError } from '../errors.js';
import type { TeamMethods } from '../team-port.js';
import { toUser, USER_COLUMNS, type UserRow } from '../team-rows.js';
import { one, type SqlDb, type SqlValue } from './sql-db.js';

type UserMethods = Pick<
  TeamMethods,
  'createUser' | 'getUser' | 'findUserByEmail' | 'updateUser' | 'deleteUser' | 'countUsers'
>;

/** The one spelling of an address the table keeps. */
export const storedEmail = (email: string): string => email.toLowerCase();

export function userMethods(db: SqlDb): UserMethods {
  const getUser = async (id: string) => {
    const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = :id`, { id });
    return row && toUser(row);
  };
  return {
    async createUser({ email, passwordHash, now }) {
      // ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable after a taken address.
      const row = await db.get<UserRow>(
        `INSERT INTO users (id, email, password_hash, disabled, created_at, last_sign_in_at)
         VALUES (:id, :email, :passwordHash, :disabled, :now, NULL)
         ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
        { id: randomUUID(), email: storedEmail(email), passwordHash, disabled: false, now },
      );
      if (!row) throw new StoreError('conflict', `a user with e-mail ${storedEmail(email)} exists`);
      return toUser(row);
    },
    getUser,
    async findUserByEmail(email) {
      const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = :email`, {
        email: storedEmail(email),
      });
      return row && toUser(row);
    },
    async updateUser(id, patch) {
      const sets: string[] = [];
      const params: Record<string, SqlValue> = { id };
      if (patch.passwordHash !== undefined) {
        sets.push('password_hash = :passwordHash');
        params.passwordHash = patch.passwordHash;
      }
      if (patch.disabled !== undefined) {
        sets.push('disabled = :disabled');
        params.disabled = patch.disabled;
      }
      if (patch.lastSignInAt !== undefined) {
        sets.push('last_sign_in_at = :lastSignInAt');
        params.lastSignInAt = patch.lastSignInAt;
      }
      const row =
        sets.length === 0
          ? await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = :id`, params)
          : await db.get<UserRow>(
              `UPDATE users SET ${sets.join(', ')} WHERE id = :id RETURNING ${USER_COLUMNS}`,
              params,
            );
      if (!row) throw new StoreError('not_found', `user ${id} not found`);
      return toUser(row);
    },
    async deleteUser(id) {
      // The foreign keys cascade (SQLite's are on: see sqlite-store.ts).
      return (await db.run('DELETE FROM users WHERE id = :id', { id })) > 0;
    },
    async countUsers() {
      const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM users');
      return Number(one(row).n);
    },
  };
}
