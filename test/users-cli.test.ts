// `leadscore users` end to end on a SQLite file, as an operator on the server's machine runs it:
// a user with a password from standard input, an invitation link, the list, role changes and
// disabling (each an audit entry by the CLI), the locked-out owner's new link, and the refusals.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/service/auth/passwords.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

const PASSWORD = 'correct horse battery staple';

async function database(): Promise<string> {
  const db = join(await tempFiles({}), 'leadscore.db');
  const store = openSqliteStore({ file: db });
  await store.migrate();
  await store.createWorkspace('acme', Date.now());
  await store.close();
  return db;
}

const users = (args: string[], db: string, input?: string, env: Record<string, string> = {}) =>
  runCli(['users', ...args, '--db', db], ROOT, { DATABASE_URL: '', ...env }, input);

describe('leadscore users', () => {
  it('creates, lists, changes and disables users, recording each change as the CLI', async () => {
    const db = await database();
    const owner = await users(
      ['create', 'Olga@Example.com', '--role', 'owner', '--password-stdin'],
      db,
      `${PASSWORD}\n`,
    );
    expect(owner).toMatchObject({ code: 0, stderr: '' });
    expect(owner.stdout).toBe(
      'olga@example.com is owner in workspace "acme" and can sign in with the password\n',
    );

    const invited = await users(['create', 'rex@example.com', '--role', 'sales'], db, undefined, {
      LEADSCORE_PUBLIC_URL: 'https://leads.example.com/',
    });
    expect(invited.code).toBe(0);
    expect(invited.stdout).toMatch(
      /^rex@example.com is sales in workspace "acme"\none-time sign-in link for rex@example.com, valid until \S+Z \(24 h\):\nhttps:\/\/leads\.example\.com\/sign-in\?token=[\w-]{43}\n$/,
    );

    expect((await users(['set-role', 'rex@example.com', 'viewer'], db)).stdout).toBe(
      'rex@example.com is viewer in workspace "acme"\n',
    );
    expect((await users(['disable', 'rex@example.com'], db)).stdout).toBe(
      'rex@example.com is disabled\n',
    );
    const list = await users(['list'], db);
    expect(list.stdout.split('\n')[0]).toMatch(/^EMAIL\s+ROLE\s+STATUS\s+LAST SIGN-IN$/);
    expect(list.stdout).toMatch(/olga@example.com\s+owner\s+active\s+never/);
    expect(list.stdout).toMatch(/rex@example.com\s+viewer\s+disabled\s+never/);

    const store = openSqliteStore({ file: db });
    try {
      const ws = (await store.listWorkspaces())[0]!.id;
      const olga = await store.findUserByEmail('olga@example.com');
      expect(await verifyPassword(olga!.passwordHash!, PASSWORD)).toBe(true);
      const trail = await store.listAudit(ws, { filter: {}, limit: 10 });
      expect(trail.map((e) => [e.action, e.actorKind, e.actorName, e.target])).toEqual([
        ['user.disable', 'cli', 'cli', 'user:rex@example.com'],
        ['user.role_change', 'cli', 'cli', 'user:rex@example.com'],
        ['user.invite', 'cli', 'cli', 'user:rex@example.com'],
        ['user.invite', 'cli', 'cli', 'user:olga@example.com'],
      ]);
      expect(trail[1]!.summary).toEqual({ before: { role: 'sales' }, after: { role: 'viewer' } });
      expect(JSON.stringify(trail)).not.toContain(PASSWORD);
    } finally {
      await store.close();
    }
  });

  it('gives a locked-out owner a new one-time link, and refuses what would lock everyone out', async () => {
    const db = await database();
    await users(
      ['create', 'olga@example.com', '--role', 'owner', '--password-stdin'],
      db,
      PASSWORD,
    );
    const link = await users(['link', 'olga@example.com'], db);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(
      /^one-time sign-in link for olga@example.com, valid until .*\nhttp:\/\/localhost:4000\/sign-in\?token=[\w-]{43}\n$/,
    );

    const demote = await users(['set-role', 'olga@example.com', 'viewer'], db);
    expect(demote.code).toBe(1);
    expect(demote.stderr).toBe(
      'error: olga@example.com is the last active owner of workspace "acme": make another user owner before you change their role\n',
    );
    const disable = await users(['disable', 'olga@example.com'], db);
    expect(disable.stderr).toContain('last active owner');
  });

  it('says what is wrong: a weak password, an unknown user or role, a missing database', async () => {
    const db = await database();
    const weak = await users(
      ['create', 'ann@example.com', '--role', 'viewer', '--password-stdin'],
      db,
      'password1234',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toBe(
      'error: password: it is one of the most common passwords (or one with digits or symbols added); choose another\n',
    );
    const unknown = await users(['set-role', 'nobody@example.com', 'viewer'], db);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'error: no user nobody@example.com in this workspace\n',
    });
    const role = await users(['create', 'ann@example.com', '--role', 'admin'], db);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain(
      "option '--role <role>' argument 'admin' is invalid. expected one of owner, marketer, sales, viewer",
    );
    const workspace = await runCli(['users', 'list', '--db', db, '--workspace', 'nope'], ROOT, {
      DATABASE_URL: '',
    });
    expect(workspace.stderr).toBe('error: --workspace: no workspace "nope" (have: acme)\n');
    const missing = await runCli(['users', 'list', '--db', join(db, '..', 'none.db')], ROOT, {
      DATABASE_URL: '',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: cannot read .*none\.db: no such file\n$/);
  });
});
