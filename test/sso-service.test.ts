// The single sign-on service on both stores: a verified e-mail of an allowed domain is required;
// the user is found by identity, else by e-mail (the identity then linked), else created with the
// default role in the configured workspace; the role claim sets the role at each sign-in but never
// demotes the last owner, nor brings back a user removed from the workspace; a disabled user is
// refused. Each change leaves an audit entry.
import { describe, expect, it } from 'vitest';
import type { SsoPolicy } from '../src/service/auth/oidc-settings.js';
import { signInBySso } from '../src/service/auth/sso.js';
import { roleFromClaim } from '../src/service/auth/sso-role.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-12-01T09:00:00Z');
const ISSUER = 'https://id.example.com';
const POLICY: SsoPolicy = {
  allowedDomains: ['example.com'],
  defaultRole: 'viewer',
  roleClaim: undefined,
  workspace: undefined,
};

const login = (sub: string, claims: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  ip: '203.0.113.9',
  claims: { sub, email: `${sub}@example.com`, email_verified: true, ...claims },
});

let names = 0;
/** Two new workspaces in the store; the policy joins the first (the store is shared by tests). */
async function workspaces(store: Store) {
  const first = await store.createWorkspace(`acme-${++names}`, NOW);
  const second = await store.createWorkspace(`globex-${names}`, NOW + 1);
  return { first: first.id, second: second.id, policy: { ...POLICY, workspace: first.id } };
}

describe('roleFromClaim', () => {
  it('reads a role name or a list of them, any case, the strongest first', () => {
    expect(roleFromClaim('Marketer')).toBe('marketer');
    expect(roleFromClaim(['viewer', 'sales', 'other'])).toBe('sales');
    expect(roleFromClaim(['staff'])).toBeUndefined();
    expect(roleFromClaim(undefined)).toBeUndefined();
    expect(roleFromClaim(3)).toBeUndefined();
  });
});

describe.each(freshStores())('signInBySso on $name', ({ open }) => {
  let shared: Store | undefined;
  /** One database for the tests that need no empty one (databases are slow to make and drop). */
  const sharedStore = async () => (shared ??= await open());

  it('creates a first sign-in with the default role in the first workspace, then finds it again', async () => {
    const store = await open();
    const first = (await store.createWorkspace('acme', NOW)).id;
    const second = (await store.createWorkspace('globex', NOW + 1)).id;
    const made = await signInBySso(store, login('ann'), POLICY, NOW);
    expect(made).toMatchObject({
      created: true,
      linked: false,
      user: { email: 'ann@example.com' },
    });
    expect(made.user.passwordHash).toBeNull();
    expect(await store.membership(first, made.user.id)).toMatchObject({ role: 'viewer' });
    expect(await store.membership(second, made.user.id)).toBeUndefined();
    expect(await store.findIdentity(ISSUER, 'ann')).toMatchObject({ userId: made.user.id });
    const again = await signInBySso(store, login('ann'), POLICY, NOW + 1000);
    expect(again).toMatchObject({ created: false, linked: false, user: { id: made.user.id } });
    expect(await store.countUsers()).toBe(1);
    const audit = await store.listAudit(first, { filter: {}, limit: 10 });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'user.create',
        actorKind: 'system',
        actorName: 'sso',
        target: 'user:ann@example.com',
        ip: '203.0.113.9',
        summary: expect.objectContaining({ role: 'viewer' }),
      }),
    ]);
  });

  it('joins the configured workspace (by name or id) with the configured role', async () => {
    const store = await sharedStore();
    const { second } = await workspaces(store);
    const name = (await store.getWorkspace(second))?.name;
    const byName = await signInBySso(
      store,
      login('bo'),
      { ...POLICY, workspace: name, defaultRole: 'sales' },
      NOW,
    );
    expect(await store.membership(second, byName.user.id)).toMatchObject({ role: 'sales' });
    const byId = await signInBySso(store, login('cy'), { ...POLICY, workspace: second }, NOW);
    expect(await store.membership(second, byId.user.id)).toMatchObject({ role: 'viewer' });
    await expect(
      signInBySso(store, login('di'), { ...POLICY, workspace: 'nowhere' }, NOW),
    ).rejects.toMatchObject({ code: 'sso_workspace', message: expect.stringMatching(/nowhere/) });
    expect(await store.findUserByEmail('di@example.com')).toBeUndefined();
  });

  it('links an invited user found by e-mail, whatever its case', async () => {
    const store = await sharedStore();
    const { second, policy } = await workspaces(store);
    const invited = await store.createUser({
      email: 'eve@example.com',
      passwordHash: null,
      now: NOW,
    });
    await store.setMembership(second, invited.id, 'marketer', NOW);
    const signed = await signInBySso(
      store,
      login('eve-sub', { email: 'Eve@Example.COM' }),
      policy,
      NOW,
    );
    expect(signed).toMatchObject({ created: false, linked: true, user: { id: invited.id } });
    expect(await store.findIdentity(ISSUER, 'eve-sub')).toMatchObject({ userId: invited.id });
    expect(await store.membershipsOf(invited.id)).toEqual([
      expect.objectContaining({ workspaceId: second, role: 'marketer' }),
    ]);
    const audit = await store.listAudit(second, { filter: { action: 'user.sso_link' }, limit: 10 });
    expect(audit).toHaveLength(1);
  });

  it('refuses an unverified or missing e-mail and a domain not allowed, creating nobody', async () => {
    const store = await sharedStore();
    const { policy } = await workspaces(store);
    await expect(
      signInBySso(store, login('fay', { email_verified: false }), policy, NOW),
    ).rejects.toMatchObject({ code: 'sso_email' });
    await expect(
      signInBySso(store, login('fay', { email: undefined }), policy, NOW),
    ).rejects.toMatchObject({ code: 'sso_email' });
    await expect(
      signInBySso(store, login('fay', { email: 'not an address' }), policy, NOW),
    ).rejects.toMatchObject({ code: 'sso_email' });
    await expect(
      signInBySso(store, login('fay', { email: 'fay@evil.example' }), policy, NOW),
    ).rejects.toMatchObject({
      code: 'sso_domain',
      message: expect.stringMatching(/evil\.example/),
    });
    expect(await store.findUserByEmail('fay@evil.example')).toBeUndefined();
    expect(await store.findUserByEmail('fay@example.com')).toBeUndefined();
    const any = await signInBySso(
      store,
      login('fay', { email: 'fay@evil.example' }),
      { ...policy, allowedDomains: [] },
      NOW,
    );
    expect(any.created).toBe(true);
  });

  it('refuses a disabled user, and one removed from every workspace', async () => {
    const store = await sharedStore();
    const { first, policy } = await workspaces(store);
    const { user } = await signInBySso(store, login('gus'), policy, NOW);
    await store.updateUser(user.id, { disabled: true });
    await expect(signInBySso(store, login('gus'), policy, NOW)).rejects.toMatchObject({
      code: 'sso_disabled',
    });
    await store.updateUser(user.id, { disabled: false });
    await store.removeMembership(first, user.id);
    await expect(signInBySso(store, login('gus'), policy, NOW)).rejects.toMatchObject({
      code: 'sso_no_access',
    });
    expect(await store.membershipsOf(user.id)).toEqual([]);
  });

  it('sets the role from the claim at each sign-in, never demoting the last owner', async () => {
    const store = await sharedStore();
    const { first, policy: joining } = await workspaces(store);
    const policy = { ...joining, roleClaim: 'roles' };
    const { user } = await signInBySso(store, login('hal', { roles: ['marketer'] }), policy, NOW);
    expect(await store.membership(first, user.id)).toMatchObject({ role: 'marketer' });
    const changed = await signInBySso(store, login('hal', { roles: 'owner' }), policy, NOW + 1);
    expect(changed.roleChange).toEqual({ workspaceId: first, from: 'marketer', to: 'owner' });
    expect(await store.membership(first, user.id)).toMatchObject({ role: 'owner' });
    // The last owner keeps the role whatever the claim says.
    const kept = await signInBySso(store, login('hal', { roles: 'viewer' }), policy, NOW + 2);
    expect(kept.roleChange).toBeUndefined();
    expect(await store.membership(first, user.id)).toMatchObject({ role: 'owner' });
    // With another owner there, a claim naming no role gives the default role.
    await signInBySso(store, login('ida', { roles: 'owner' }), policy, NOW + 3);
    await signInBySso(store, login('hal', { roles: ['staff'] }), policy, NOW + 4);
    expect(await store.membership(first, user.id)).toMatchObject({ role: 'viewer' });
    const changes = await store.listAudit(first, {
      filter: { action: 'user.role_change' },
      limit: 10,
    });
    expect(changes.map((e) => e.summary)).toEqual([
      expect.objectContaining({ before: 'owner', after: 'viewer' }),
      expect.objectContaining({ before: 'marketer', after: 'owner' }),
    ]);
  });

  it('makes one user of two first sign-ins of one person at once', async () => {
    const store = await sharedStore();
    const { first, policy } = await workspaces(store);
    const [a, b] = await Promise.all([
      signInBySso(store, login('jo'), policy, NOW),
      signInBySso(store, login('jo'), policy, NOW),
    ]);
    expect(a.user.id).toBe(b.user.id);
    expect(await store.listMembers(first)).toHaveLength(1);
  });
});
