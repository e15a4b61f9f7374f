// The users service on both stores: invitations by one-time link (used once, 24 hours), roles and
// the last-owner rule, disabling that ends sessions, and the password policy's refusals.
import { describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../src/service/auth/passwords.js';
import {
  createUserWithPassword,
  hashLinkToken,
  inviteUser,
  issueSignInLink,
  listUsers,
  redeemSignInLink,
  removeFromWorkspace,
  setDisabled,
  setRole,
  SIGN_IN_LINK_TTL_MS,
  UsersError,
} from '../src/service/users/index.js';
import { ensureFirstOwner } from '../src/service/users/first-owner.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

// Each test has a database of its own (the first owner needs one without users): dropping them
// all at the end may take longer than the default 10 s on a busy machine.
vi.setConfig({ hookTimeout: 60_000 });

const NOW = Date.UTC(2026, 11, 7, 12);
const URL_ = 'https://leads.example.com';
const PASSWORD = 'correct horse battery staple';

async function refusal(promise: Promise<unknown>): Promise<UsersError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsersError);
  return error as UsersError;
}

async function session(store: Store, userId: string, token: string): Promise<void> {
  await store.createSession({
    tokenHash: hashLinkToken(token),
    userId,
    createdAt: NOW,
    lastSeenAt: NOW,
    expiresAt: NOW + 3_600_000,
    ip: null,
    userAgent: null,
  });
}

describe.each(freshStores())('users service on $name', ({ open }) => {
  const workspace = async () => {
    const store = await open();
    const ws = (await store.createWorkspace('acme', NOW)).id;
    return { store, ws };
  };

  it('invites by a link used once that sets the password, and refuses it after 24 hours', async () => {
    const { store, ws } = await workspace();
    const made = await inviteUser(store, {
      workspaceId: ws,
      email: '  Ann@Example.COM ',
      role: 'marketer',
      now: NOW,
      publicUrl: URL_,
    });
    expect(made.user).toMatchObject({
      email: 'ann@example.com',
      role: 'marketer',
      disabled: false,
    });
    expect(made.user).not.toHaveProperty('passwordHash');
    expect(made.link.url).toBe(`${URL_}/sign-in?token=${made.link.token}`);
    expect(made.link.token).toMatch(/^[\w-]{43}$/);
    expect(made.link.expiresAt).toBe(NOW + SIGN_IN_LINK_TTL_MS);

    // A weak password is refused with its reason and leaves the link usable.
    const weak = await refusal(
      redeemSignInLink(store, made.link.token, { password: 'qwerty123456', now: NOW + 1 }),
    );
    expect(weak.code).toBe('weak_password');
    expect(weak.message).toContain('most common passwords');
    const user = await redeemSignInLink(store, made.link.token, {
      password: PASSWORD,
      now: NOW + 2,
    });
    expect(user.email).toBe('ann@example.com');
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);
    const again = await refusal(redeemSignInLink(store, made.link.token, { now: NOW + 3 }));
    expect(again.code).toBe('invalid');
    expect(again.message).toContain('already used or expired');

    const late = await inviteUser(store, {
      workspaceId: ws,
      email: 'bob@example.com',
      role: 'viewer',
      now: NOW,
      publicUrl: URL_,
    });
    expect(
      (await refusal(redeemSignInLink(store, late.link.token, { now: NOW + SIGN_IN_LINK_TTL_MS })))
        .code,
    ).toBe('invalid');
    const inTime = await inviteUser(store, {
      workspaceId: ws,
      email: 'bob@example.com',
      role: 'viewer',
      now: NOW,
      publicUrl: URL_,
    });
    expect(
      (await redeemSignInLink(store, inTime.link.token, { now: NOW + SIGN_IN_LINK_TTL_MS - 1 }))
        .email,
    ).toBe('bob@example.com');
    expect((await refusal(redeemSignInLink(store, 'not-a-token', { now: NOW }))).code).toBe(
      'invalid',
    );
  });

  it('adds a role to an existing user, refuses a bad e-mail, and lists the workspace', async () => {
    const { store, ws } = await workspace();
    const other = (await store.createWorkspace('beta', NOW)).id;
    const first = await inviteUser(store, {
      workspaceId: ws,
      email: 'cy@example.com',
      role: 'owner',
      now: NOW,
      publicUrl: URL_,
    });
    const second = await inviteUser(store, {
      workspaceId: other,
      email: 'CY@example.com',
      role: 'sales',
      now: NOW,
      publicUrl: URL_,
    });
    expect(second.user.id).toBe(first.user.id);
    expect((await store.membershipsOf(first.user.id)).map((m) => m.role).sort()).toEqual([
      'owner',
      'sales',
    ]);
    const bad = await refusal(
      inviteUser(store, {
        workspaceId: ws,
        email: 'not an address',
        role: 'viewer',
        now: NOW,
        publicUrl: URL_,
      }),
    );
    expect(bad).toMatchObject({
      code: 'invalid',
      message: 'email: "not an address" is not an e-mail address',
    });
    expect((await listUsers(store, ws)).map((u) => [u.email, u.role])).toEqual([
      ['cy@example.com', 'owner'],
    ]);
  });

  it('never demotes, disables or removes the last active owner', async () => {
    const { store, ws } = await workspace();
    const owner = await createUserWithPassword(store, {
      workspaceId: ws,
      email: 'olga@example.com',
      role: 'owner',
      password: PASSWORD,
      now: NOW,
    });
    for (const attempt of [
      () => setRole(store, ws, owner.id, 'viewer', NOW),
      () => setDisabled(store, ws, owner.id, true, NOW),
      () => removeFromWorkspace(store, ws, owner.id),
      () =>
        inviteUser(store, {
          workspaceId: ws,
          email: 'olga@example.com',
          role: 'sales',
          now: NOW,
          publicUrl: URL_,
        }),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe('last_owner');
      expect(error.message).toContain(
        'olga@example.com is the last active owner of workspace "acme"',
      );
    }
    const second = await createUserWithPassword(store, {
      workspaceId: ws,
      email: 'pia@example.com',
      role: 'owner',
      password: PASSWORD,
      now: NOW,
    });
    expect((await setRole(store, ws, owner.id, 'viewer', NOW)).role).toBe('viewer');
    // olga is a viewer now: pia is the last owner.
    expect((await refusal(setDisabled(store, ws, second.id, true, NOW))).code).toBe('last_owner');
    expect((await refusal(setRole(store, ws, 'no-such-user', 'viewer', NOW))).code).toBe(
      'not_found',
    );
  });

  it('lets only one of two owners demoting each other at the same moment succeed', async () => {
    const { store, ws } = await workspace();
    const owners = [];
    for (const email of ['a@example.com', 'b@example.com'])
      owners.push(
        await createUserWithPassword(store, {
          workspaceId: ws,
          email,
          role: 'owner',
          password: PASSWORD,
          now: NOW,
        }),
      );
    const results = await Promise.allSettled(
      owners.map((o) => setRole(store, ws, o.id, 'viewer', NOW)),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await store.countActiveOwners(ws)).toBe(1);
  });

  it('ends the sessions of a user who is disabled, changes role or is removed', async () => {
    const { store, ws } = await workspace();
    await createUserWithPassword(store, {
      workspaceId: ws,
      email: 'olga@example.com',
      role: 'owner',
      password: PASSWORD,
      now: NOW,
    });
    const rep = await createUserWithPassword(store, {
      workspaceId: ws,
      email: 'rex@example.com',
      role: 'sales',
      password: PASSWORD,
      now: NOW,
    });
    await session(store, rep.id, 'one');
    expect((await setDisabled(store, ws, rep.id, true, NOW)).disabled).toBe(true);
    expect(await store.findSession(hashLinkToken('one'))).toBeUndefined();
    // A disabled user's links are refused, and none is issued.
    expect(
      (
        await refusal(
          issueSignInLink(store, {
            workspaceId: ws,
            email: 'rex@example.com',
            now: NOW,
            publicUrl: URL_,
          }),
        )
      ).code,
    ).toBe('disabled');
    await setDisabled(store, ws, rep.id, false, NOW);
    const link = await issueSignInLink(store, {
      workspaceId: ws,
      email: 'rex@example.com',
      now: NOW,
      publicUrl: URL_,
    });
    await setDisabled(store, ws, rep.id, true, NOW);
    expect((await refusal(redeemSignInLink(store, link.token, { now: NOW }))).code).toBe(
      'disabled',
    );
    await setDisabled(store, ws, rep.id, false, NOW);

    await session(store, rep.id, 'two');
    await setRole(store, ws, rep.id, 'viewer', NOW);
    expect(await store.findSession(hashLinkToken('two'))).toBeUndefined();
    await session(store, rep.id, 'three');
    await removeFromWorkspace(store, ws, rep.id);
    expect(await store.findSession(hashLinkToken('three'))).toBeUndefined();
    expect(await listUsers(store, ws)).toHaveLength(1);
  });

  it('refuses weak, common and short passwords with the reason, never echoing them', async () => {
    const { store, ws } = await workspace();
    for (const [password, reason] of [
      ['short', 'at least 12 characters'],
      ['password1234', 'most common passwords'],
      ['dana.smith-2026', 'made of your e-mail address'],
    ] as const) {
      const error = await refusal(
        createUserWithPassword(store, {
          workspaceId: ws,
          email: 'dana.smith@example.com',
          role: 'viewer',
          password,
          now: NOW,
        }),
      );
      expect(error.code).toBe('weak_password');
      expect(error.message).toContain(reason);
      expect(error.message).not.toContain(password);
    }
    expect(await listUsers(store, ws)).toEqual([]);
  });

  it('makes the first owner of every workspace once, on a database without users', async () => {
    const { store, ws } = await workspace();
    const other = (await store.createWorkspace('beta', NOW)).id;
    const first = await ensureFirstOwner(store, { email: undefined, now: NOW, publicUrl: URL_ });
    expect(first?.email).toBe('owner@leadscore.localhost');
    expect((await listUsers(store, ws)).map((u) => u.role)).toEqual(['owner']);
    expect((await listUsers(store, other)).map((u) => u.role)).toEqual(['owner']);
    expect(
      await ensureFirstOwner(store, { email: 'x@example.com', now: NOW, publicUrl: URL_ }),
    ).toBeUndefined();
    expect(
      (await redeemSignInLink(store, first!.link.token, { password: PASSWORD, now: NOW })).email,
    ).toBe('owner@leadscore.localhost');
  });
});
