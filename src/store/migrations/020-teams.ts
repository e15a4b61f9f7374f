// Migration 020: people and their trail. Users (global: one e-mail may belong to several
// workspaces), their role per workspace, server-side sessions, one-time sign-in links, single
// sign-on identities (user_identities: `identities` already holds the leads' anonymous ids), login
// throttling counts and the append-only audit log; and a role for API keys (the admin keys made
// before become owners, write keys have none). Deleting a user removes its memberships, sessions,
// links and identities; the audit log keeps its entries (they name the actor by text).
import type { Migration } from '../migration.js';

interface Types {
  /** Text compared byte by byte on both databases. */
  text: string;
  time: string;
  bool: string;
  /** The audit log's id: the order entries were appended in. */
  auditId: string;
  /** The audit log's key: PostgreSQL leads it with ws (see 017); SQLite keeps its rowid. */
  auditKey: string;
}

const ROLE_CHECK = `CHECK (role IN ('owner', 'marketer', 'sales', 'viewer'))`;
const WS = 'ws INTEGER NOT NULL REFERENCES workspaces(ws) ON DELETE CASCADE';

const teams = (t: Types) => `
CREATE TABLE users (
  id ${t.text} PRIMARY KEY,
  -- Lower-cased by the store.
  email ${t.text} NOT NULL UNIQUE,
  password_hash ${t.text},
  disabled ${t.bool} NOT NULL,
  created_at ${t.time} NOT NULL,
  last_sign_in_at ${t.time}
);

CREATE TABLE memberships (
  ${WS},
  user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role ${t.text} NOT NULL ${ROLE_CHECK},
  created_at ${t.time} NOT NULL,
  PRIMARY KEY (ws, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE sessions (
  -- sha256 of the cookie's token.
  token_hash ${t.text} PRIMARY KEY,
  user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at ${t.time} NOT NULL,
  last_seen_at ${t.time} NOT NULL,
  expires_at ${t.time} NOT NULL,
  ip ${t.text},
  user_agent ${t.text}
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_links (
  token_hash ${t.text} PRIMARY KEY,
  user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose ${t.text} NOT NULL CHECK (purpose IN ('invite', 'reset')),
  created_at ${t.time} NOT NULL,
  expires_at ${t.time} NOT NULL,
  used_at ${t.time}
);
CREATE INDEX sign_in_links_user ON sign_in_links (user_id);

CREATE TABLE user_identities (
  issuer ${t.text} NOT NULL,
  subject ${t.text} NOT NULL,
  user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at ${t.time} NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE login_failures (
  key ${t.text} PRIMARY KEY,
  count INTEGER NOT NULL,
  last_at ${t.time} NOT NULL
);

CREATE TABLE audit_log (
  ${WS},
  id ${t.auditId},
  at ${t.time} NOT NULL,
  actor_kind ${t.text} NOT NULL CHECK (actor_kind IN ('user', 'key', 'cli', 'system')),
  actor_id ${t.text},
  actor_name ${t.text} NOT NULL,
  ip ${t.text},
  action ${t.text} NOT NULL,
  target ${t.text},
  -- A JSON object, kept as written.
  summary TEXT NOT NULL${t.auditKey}
);
-- Newest-first pages of a workspace, and the retention sweep across workspaces.
CREATE INDEX audit_log_at ON audit_log (ws, at, id);
CREATE INDEX audit_log_retention ON audit_log (at);

ALTER TABLE api_keys ADD COLUMN role ${t.text} ${ROLE_CHECK};
UPDATE api_keys SET role = 'owner' WHERE kind = 'admin';
`;

export const teamsMigration: Migration = {
  id: '020-teams',
  sql: {
    sqlite: teams({
      text: 'TEXT',
      time: 'INTEGER',
      bool: 'INTEGER',
      // AUTOINCREMENT: an id is never handed out twice, even after the newest rows are gone.
      auditId: 'INTEGER PRIMARY KEY AUTOINCREMENT',
      auditKey: '',
    }),
    postgres: teams({
      text: 'TEXT COLLATE "C"',
      time: 'BIGINT',
      bool: 'BOOLEAN',
      auditId: 'BIGINT GENERATED ALWAYS AS IDENTITY',
      auditKey: ',\n  PRIMARY KEY (ws, id)',
    }),
  },
};
