// `leadscore serve` and people: a fresh database prints a one-time sign-in link for the first
// owner (not an admin key), once; `--demo` makes a user of every role with one shared password,
// sales reps owning hot leads, and says so again (how to sign in) on a later start.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/service/auth/passwords.js';
import { redeemSignInLink } from '../src/service/users/index.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempFiles } from './run-cli.js';
import { startServe, type ServeProcess } from './serve-process.js';

/**
 * Stops the server once it answers: a SIGTERM sent the moment it says it listens can come before
 * its signal handler is installed, and the default action would end it without draining.
 */
async function stop(server: ServeProcess): Promise<number | null> {
  await fetch(`${server.url}/health`);
  return server.stop('SIGTERM');
}

const CLEAN = {
  DATABASE_URL: '',
  LEADSCORE_ADMIN_KEY: '',
  LEADSCORE_OWNER_EMAIL: '',
  LEADSCORE_DEMO_PASSWORD: '',
  LEADSCORE_PUBLIC_URL: '',
};

describe('serve and the first owner', () => {
  it('prints a one-time link for the first owner instead of an admin key, once', async () => {
    const db = join(await tempFiles({}), 'leadscore.db');
    const env = {
      ...CLEAN,
      LEADSCORE_OWNER_EMAIL: 'Boss@Example.com',
      LEADSCORE_PUBLIC_URL: 'https://leads.example.com',
    };
    const first = await startServe(db, env);
    expect(await stop(first)).toBe(0);
    const log = first.log();
    expect(log).not.toContain('admin key');
    expect(log).toContain(
      'first owner boss@example.com: sign in within 24 hours with this one-time link (shown once):\n',
    );
    const token = /^ {2}https:\/\/leads\.example\.com\/sign-in\?token=([\w-]{43})$/m.exec(log)?.[1];
    expect(token).toBeDefined();
    // The link comes before the server says it listens: a reader of the log sees it at once.
    expect(log.indexOf('sign-in?token=')).toBeLessThan(log.indexOf('listening on'));

    const second = await startServe(db, env);
    expect(await stop(second)).toBe(0);
    expect(second.log()).not.toContain('sign-in?token=');

    const store = openSqliteStore({ file: db });
    try {
      const user = await redeemSignInLink(store, token!, {
        password: 'correct horse battery staple',
        now: Date.now(),
      });
      expect(user.email).toBe('boss@example.com');
      const ws = (await store.listWorkspaces())[0]!.id;
      expect((await store.membership(ws, user.id))?.role).toBe('owner');
    } finally {
      await store.close();
    }
  });

  it('uses owner@leadscore.localhost and the local address when nothing is configured', async () => {
    const db = join(await tempFiles({}), 'leadscore.db');
    const server = await startServe(db, CLEAN);
    expect(await stop(server)).toBe(0);
    const port = new URL(server.url).port;
    expect(server.log()).toContain('first owner owner@leadscore.localhost:');
    expect(server.log()).toMatch(
      new RegExp(`^ {2}http://localhost:${port}/sign-in\\?token=[\\w-]{43}$`, 'm'),
    );
  });
});

describe('serve --demo and its users', () => {
  it('makes a user of every role with one password, reps owning hot leads, and says how to sign in later', async () => {
    const db = join(await tempFiles({}), 'demo.db');
    const first = await startServe(db, CLEAN, ['--demo']);
    expect(await stop(first)).toBe(0);
    const log = first.log();
    expect(log).toContain(
      'demo: users owner@example.com (owner), marketer@example.com (marketer), sales1@example.com (sales), sales2@example.com (sales), viewer@example.com (viewer)\n',
    );
    expect(log).toContain(
      'demo: the sales reps own the hottest leads: sales1@example.com owns 60, sales2@example.com owns 60\n',
    );
    expect(log).toContain('demo: password of every demo user: leadscore-demo-password\n');
    expect(log).not.toContain('first owner');
    expect(log).not.toContain('admin key');

    const store = openSqliteStore({ file: db });
    try {
      const ws = (await store.listWorkspaces())[0]!.id;
      const members = await store.listMembers(ws);
      expect(members.map((m) => m.role).sort()).toEqual([
        'marketer',
        'owner',
        'sales',
        'sales',
        'viewer',
      ]);
      expect(await verifyPassword(members[0]!.user.passwordHash!, 'leadscore-demo-password')).toBe(
        true,
      );
      const owned = await store.listLeads(ws, {
        sort: 'score',
        direction: 'desc',
        limit: 100,
        owner: 'sales1@example.com',
      });
      expect(owned.items).toHaveLength(60);
      const top = await store.listLeads(ws, { sort: 'score', direction: 'desc', limit: 1 });
      expect(owned.items[0]!.lead.id).toBe(top.items[0]!.lead.id);
    } finally {
      await store.close();
    }

    const again = await startServe(db, CLEAN, ['--demo']);
    expect(await stop(again)).toBe(0);
    expect(again.log()).toContain(
      `demo: this database was already seeded; sign in at http://localhost:${new URL(again.url).port} as owner@example.com, marketer@example.com, sales1@example.com, sales2@example.com, viewer@example.com with the demo password (LEADSCORE_DEMO_PASSWORD when it was seeded, else leadscore-demo-password)`,
    );
    expect(again.log()).not.toContain('demo: storing leads');
  });
});
