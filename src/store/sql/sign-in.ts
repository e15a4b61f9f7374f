// What signing in reads and writes besides users and sessions: one-time sign-in links, single
// sign-on identities and the wrong-password counts that throttle login attempts.
import { StoreError } from '../errors.js';
import type { TeamMethods } from '../team-port.js';
import {
  SIGN_IN_LINK_COLUMNS,
  toIdentity,
  toLoginFailure,
  toSignInLink,
  type IdentityRow,
  type LoginFailureRow,
  type SignInLinkRow,
} from '../team-rows.js';
import { one, type SqlDb } from './sql-db.js';

type SignInMethods = Pick<
  TeamMethods,
  | 'addSignInLink'
  | 'useSignInLink'
  | 'findIdentity'
  | 'addIdentity'
  | 'recordLoginFailures'
  | 'loginFailures'
  | 'clearLoginFailures'
>;

const IDENTITY_COLUMNS = 'issuer, subject, user_id, created_at';

export function signInMethods(db: SqlDb): SignInMethods {
  const d = db.dialect;
  return {
    async addSignInLink(link) {
      await db.run(
        `INSERT INTO sign_in_links (token_hash, user_id, purpose, created_at, expires_at)
         VALUES (:tokenHash, :userId, :purpose, :createdAt, :expiresAt)`,
        { ...link },
      );
    },
    async useSignInLink(tokenHash, now) {
      // One statement: of two concurrent uses, the second finds used_at set (PostgreSQL re-reads
      // the row once the first commits) and changes nothing.
      const row = await db.get<SignInLinkRow>(
        `UPDATE sign_in_links SET used_at = :now
         WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now
         RETURNING ${SIGN_IN_LINK_COLUMNS}`,
        { tokenHash, now },
      );
      return row && toSignInLink(row);
    },
    async findIdentity(issuer, subject) {
      const row = await db.get<IdentityRow>(
        `SELECT ${IDENTITY_COLUMNS} FROM user_identities
         WHERE issuer = :issuer AND subject = :subject`,
        { issuer, subject },
      );
      return row && toIdentity(row);
    },
    async addIdentity(identity) {
      const added = await db.run(
        `INSERT INTO user_identities (${IDENTITY_COLUMNS})
         VALUES (:issuer, :subject, :userId, :createdAt)
         ON CONFLICT (issuer, subject) DO NOTHING`,
        { ...identity },
      );
      if (added === 0)
        throw new StoreError(
          'conflict',
          `identity ${identity.subject} of ${identity.issuer} belongs to a user already`,
        );
    },
    async recordLoginFailures(keys, now) {
      const failures = [];
      for (const key of new Set(keys)) {
        const row = await db.get<LoginFailureRow>(
          `INSERT INTO login_failures (key, count, last_at) VALUES (:key, 1, :now)
           ON CONFLICT (key) DO UPDATE SET count = login_failures.count + 1, last_at = :now
           RETURNING key, count, last_at`,
          { key, now },
        );
        failures.push(toLoginFailure(one(row)));
      }
      return failures;
    },
    async loginFailures(keys) {
      if (keys.length === 0) return [];
      const rows = await db.all<LoginFailureRow>(
        `SELECT key, count, last_at FROM login_failures WHERE key ${d.inList('keys')} ORDER BY key`,
        { keys: [...new Set(keys)] },
      );
      return rows.map(toLoginFailure);
    },
    async clearLoginFailures(keys) {
      if (keys.length === 0) return;
      await db.run(`DELETE FROM login_failures WHERE key ${d.inList('keys')}`, {
        keys: [...new Set(keys)],
      });
    },
  };
}
