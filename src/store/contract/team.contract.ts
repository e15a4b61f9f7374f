// Contract: users (e-mail case-insensitive and unique), memberships and owners, sessions, one-time
// sign-in links, single sign-on identities, login failure counts and API key roles.
import { describe, expect, it } from 'vitest';
import { StoreError, type Session } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const HOUR = 3_600_000;
/** Sessions are global: this test's times lie before every other test's, so sweeps count its own. */
const S0 = T0 - 1000 * HOUR;

/**
 * Users, sessions, links, identities and failure counts are global, and PostgreSQL runs the suite
 * on one database: each test names its own (after its workspace).
 */
const namer = (ws: string) => {
  const tag = ws.slice(0, 8);
  return {
    mail: (name: string) => `${name}.${tag}@example.com`,
    id: (name: string) => `${name}-${tag}`,
  };
};

const session = (tokenHash: string, userId: string, fields: Partial<Session> = {}): Session => ({
  tokenHash,
  userId,
  createdAt: S0,
  lastSeenAt: S0,
  expiresAt: S0 + 12 * HOUR,
  ip: '203.0.113.9',
  userAgent: 'Firefox',
  ...fields,
});

export function teamContract(makeStore: MakeStore): void {
  describe('users, memberships, sessions, sign-in', () => {
    const ctx = useContext(makeStore);

    it('keeps e-mails lower-cased, finds them in any case and refuses a taken one', async () => {
      const { store, ws } = ctx();
      const { mail } = namer(ws);
      const users = await store.countUsers();
      const ann = await store.createUser({
        email: mail('Ann').replace('example.com', 'Example.COM'),
        passwordHash: 'h1',
        now: T0,
      });
      expect(ann).toEqual({
        id: expect.any(String),
        email: mail('ann'),
        passwordHash: 'h1',
        disabled: false,
        createdAt: T0,
        lastSignInAt: null,
      });
      expect(await store.findUserByEmail(mail('ANN'))).toEqual(ann);
      expect(await store.getUser(ann.id)).toEqual(ann);
      expect(await store.findUserByEmail(mail('bob'))).toBeUndefined();
      expect(await store.getUser('missing')).toBeUndefined();
      const taken = store.createUser({
        email: mail('ann').toUpperCase(),
        passwordHash: null,
        now: T0,
      });
      await expect(taken).rejects.toMatchObject({ name: 'StoreError', code: 'conflict' });
      // In a transaction the refusal leaves the transaction usable.
      const bob = await store.transaction(async (tx) => {
        await tx.createUser({ email: mail('ANN'), passwordHash: null, now: T0 }).catch(() => 0);
        return tx.createUser({ email: mail('bob'), passwordHash: null, now: T0 });
      });
      expect(bob.passwordHash).toBeNull();
      expect(await store.countUsers()).toBe(users + 2);
    });

    it('updates a user field by field and refuses an unknown one', async () => {
      const { store, ws } = ctx();
      const { mail } = namer(ws);
      const ann = await store.createUser({ email: mail('ann'), passwordHash: 'h1', now: T0 });
      expect(await store.updateUser(ann.id, { lastSignInAt: T0 + 5 })).toEqual({
        ...ann,
        lastSignInAt: T0 + 5,
      });
      expect(await store.updateUser(ann.id, { disabled: true, passwordHash: null })).toEqual({
        ...ann,
        lastSignInAt: T0 + 5,
        disabled: true,
        passwordHash: null,
      });
      expect(await store.updateUser(ann.id, {})).toMatchObject({ disabled: true });
      await expect(store.updateUser('missing', { disabled: true })).rejects.toBeInstanceOf(
        StoreError,
      );
    });

    it('sets, changes, lists and removes memberships, and counts active owners', async () => {
      const { store, ws, other } = ctx();
      const { mail } = namer(ws);
      const users = await store.countUsers();
      const ann = await store.createUser({ email: mail('ann'), passwordHash: 'h', now: T0 });
      const bob = await store.createUser({ email: mail('bob'), passwordHash: 'h', now: T0 });
      await store.setMembership(ws, bob.id, 'owner', T0 + 1);
      await store.setMembership(ws, ann.id, 'sales', T0 + 2);
      await store.setMembership(other, ann.id, 'viewer', T0 + 3);
      expect(await store.membership(ws, ann.id)).toEqual({
        workspaceId: ws,
        workspaceName: 'main',
        userId: ann.id,
        role: 'sales',
        createdAt: T0 + 2,
      });
      // A role change keeps the date the user joined.
      await store.setMembership(ws, ann.id, 'owner', T0 + 9);
      expect(await store.membership(ws, ann.id)).toMatchObject({
        role: 'owner',
        createdAt: T0 + 2,
      });
      expect((await store.membershipsOf(ann.id)).map((m) => [m.workspaceName, m.role])).toEqual([
        ['main', 'owner'],
        ['other', 'viewer'],
      ]);
      expect(await store.listMembers(ws)).toEqual([
        { user: ann, role: 'owner', since: T0 + 2 },
        { user: bob, role: 'owner', since: T0 + 1 },
      ]);
      expect(await store.countActiveOwners(ws)).toBe(2);
      await store.updateUser(bob.id, { disabled: true });
      expect(await store.countActiveOwners(ws)).toBe(1);
      expect(await store.countActiveOwners(other)).toBe(0);
      expect(await store.removeMembership(ws, ann.id)).toBe(true);
      expect(await store.removeMembership(ws, ann.id)).toBe(false);
      expect(await store.membership(ws, ann.id)).toBeUndefined();
      expect(await store.countActiveOwners(ws)).toBe(0);
      // The user stays (it may be invited again).
      expect(await store.countUsers()).toBe(users + 2);
      await expect(store.setMembership(ws, 'missing', 'viewer', T0)).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.setMembership('missing', ann.id, 'viewer', T0)).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('finds, touches, ends and sweeps sessions', async () => {
      const { store, ws } = ctx();
      const { mail, id } = namer(ws);
      const ann = await store.createUser({ email: mail('ann'), passwordHash: 'h', now: T0 });
      const bob = await store.createUser({ email: mail('bob'), passwordHash: 'h', now: T0 });
      await store.createSession(session(id('s1'), ann.id));
      await store.createSession(session(id('s2'), ann.id, { ip: null, userAgent: null }));
      await store.createSession(session(id('s3'), bob.id, { expiresAt: S0 + HOUR }));
      expect(await store.findSession(id('s1'))).toEqual(session(id('s1'), ann.id));
      expect(await store.findSession(id('s2'))).toMatchObject({ ip: null, userAgent: null });
      expect(await store.findSession(id('nope'))).toBeUndefined();
      await store.touchSession(id('s1'), S0 + 60_000);
      await store.touchSession(id('s1'), S0 + 30_000);
      expect(await store.findSession(id('s1'))).toMatchObject({ lastSeenAt: S0 + 60_000 });
      // s3 is past its absolute expiry, s2 idle since S0; s1 was seen after idleBefore.
      expect(await store.deleteExpiredSessions(S0 + HOUR, S0 + 1)).toBe(2);
      expect(await store.findSession(id('s1'))).toBeDefined();
      expect(await store.findSession(id('s2'))).toBeUndefined();
      await store.createSession(session(id('s4'), ann.id));
      expect(await store.deleteSession(id('s4'))).toBe(true);
      expect(await store.deleteSession(id('s4'))).toBe(false);
      await store.createSession(session(id('s5'), ann.id));
      expect(await store.deleteSessionsOfUser(ann.id)).toBe(2);
      expect(await store.findSession(id('s1'))).toBeUndefined();
    });

    it('uses a sign-in link once, before it expires, even when two uses race', async () => {
      const { store, ws } = ctx();
      const { mail, id } = namer(ws);
      const ann = await store.createUser({ email: mail('ann'), passwordHash: null, now: T0 });
      const link = { userId: ann.id, purpose: 'invite' as const, createdAt: T0 };
      await store.addSignInLink({ ...link, tokenHash: id('l1'), expiresAt: T0 + HOUR });
      await store.addSignInLink({ ...link, tokenHash: id('l2'), expiresAt: T0 + HOUR });
      const uses = await Promise.all([
        store.useSignInLink(id('l1'), T0 + 5),
        store.useSignInLink(id('l1'), T0 + 6),
      ]);
      const won = uses.filter((u) => u !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({ tokenHash: id('l1'), userId: ann.id, purpose: 'invite' });
      expect(await store.useSignInLink(id('l1'), T0 + 7)).toBeUndefined();
      expect(await store.useSignInLink(id('l2'), T0 + HOUR)).toBeUndefined();
      expect(await store.useSignInLink('missing', T0)).toBeUndefined();
      await store.addSignInLink({
        ...link,
        tokenHash: id('l3'),
        purpose: 'reset',
        expiresAt: T0 + 9,
      });
      expect(await store.useSignInLink(id('l3'), T0 + 8)).toEqual({
        ...link,
        tokenHash: id('l3'),
        purpose: 'reset',
        expiresAt: T0 + 9,
        usedAt: T0 + 8,
      });
    });

    it('links single sign-on identities to users, one user per identity', async () => {
      const { store, ws } = ctx();
      const { mail, id } = namer(ws);
      const ann = await store.createUser({ email: mail('ann'), passwordHash: null, now: T0 });
      const bob = await store.createUser({ email: mail('bob'), passwordHash: null, now: T0 });
      const identity = {
        issuer: id('https://idp.test'),
        subject: 'sub-1',
        userId: ann.id,
        createdAt: T0,
      };
      await store.addIdentity(identity);
      expect(await store.findIdentity(id('https://idp.test'), 'sub-1')).toEqual(identity);
      expect(await store.findIdentity(id('https://other.test'), 'sub-1')).toBeUndefined();
      await expect(store.addIdentity({ ...identity, userId: bob.id })).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('removes a user with its memberships, sessions, links and identities', async () => {
      const { store, ws } = ctx();
      const { mail, id } = namer(ws);
      const ann = await store.createUser({ email: mail('ann'), passwordHash: null, now: T0 });
      await store.setMembership(ws, ann.id, 'owner', T0);
      await store.createSession(session(id('s1'), ann.id));
      await store.addSignInLink({
        tokenHash: id('l1'),
        userId: ann.id,
        purpose: 'invite',
        createdAt: T0,
        expiresAt: T0 + HOUR,
      });
      await store.addIdentity({ issuer: id('i'), subject: 's', userId: ann.id, createdAt: T0 });
      expect(await store.deleteUser(ann.id)).toBe(true);
      expect(await store.deleteUser(ann.id)).toBe(false);
      expect(await store.listMembers(ws)).toEqual([]);
      expect(await store.findSession(id('s1'))).toBeUndefined();
      expect(await store.useSignInLink(id('l1'), T0)).toBeUndefined();
      expect(await store.findIdentity(id('i'), 's')).toBeUndefined();
      // The address is free again.
      await store.createUser({ email: mail('ann'), passwordHash: null, now: T0 });
    });

    it('counts login failures per key, and clears them', async () => {
      const { store, ws } = ctx();
      const { mail, id } = namer(ws);
      const keys = [`email:${mail('ann')}`, id('ip:203.0.113.9')];
      expect(await store.recordLoginFailures(keys, T0)).toEqual([
        { key: keys[0], count: 1, lastAt: T0 },
        { key: keys[1], count: 1, lastAt: T0 },
      ]);
      await store.recordLoginFailures([keys[1]!], T0 + 1);
      expect(await store.recordLoginFailures(keys, T0 + 2)).toEqual([
        { key: keys[0], count: 2, lastAt: T0 + 2 },
        { key: keys[1], count: 3, lastAt: T0 + 2 },
      ]);
      expect(await store.loginFailures([...keys, id('ip:other')])).toEqual([
        { key: keys[0], count: 2, lastAt: T0 + 2 },
        { key: keys[1], count: 3, lastAt: T0 + 2 },
      ]);
      await store.clearLoginFailures([keys[0]!]);
      expect(await store.loginFailures(keys)).toEqual([{ key: keys[1], count: 3, lastAt: T0 + 2 }]);
      expect(await store.loginFailures([])).toEqual([]);
      await store.clearLoginFailures([]);
    });

    it('keeps a role on API keys: admin keys are owners unless told, write keys have none', async () => {
      const { store, ws } = ctx();
      const key = (hash: string, n: number) => ({
        workspaceId: ws,
        hash,
        prefix: 'p',
        createdAt: T0 + n,
      });
      const admin = await store.addApiKey({ ...key('a', 0), kind: 'admin' });
      const write = await store.addApiKey({ ...key('w', 1), kind: 'write' });
      const marketer = await store.addApiKey({ ...key('m', 2), kind: 'admin', role: 'marketer' });
      expect([admin.role, write.role, marketer.role]).toEqual(['owner', null, 'marketer']);
      expect((await store.listApiKeys(ws)).map((k) => k.role)).toEqual(['owner', null, 'marketer']);
      expect(await store.findApiKeyByHash('m')).toEqual(marketer);
    });
  });
}
