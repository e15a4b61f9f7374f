// Sessions over HTTP on both stores: login and its single answer for every refusal, the cookie's
// flags, idle and absolute expiry, logout, CSRF, throttling with Retry-After, the workspace a
// user acts in, cookies kept off ingestion and keys off sessions, and a second server seeing a
// disabled user or a changed role within a second.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { sessionOptions } from '../src/service/auth/sessions.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { createUserWithPassword } from '../src/service/users/index.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';
import { login, PASSWORD } from './team-fixtures.js';
import { workspaceWithModel } from './test-workspace.js';

const START = Date.parse('2026-06-01T12:00:00Z');
const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function setup(store: Store, options: { idleMinutes?: number; maxHours?: number } = {}) {
  let now = START;
  const clock = () => now;
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock,
    sessions: sessionOptions(options.idleMinutes, options.maxHours),
    trustProxy: true,
  });
  const a = await workspaceWithModel(store, 'a', model, START);
  const b = await workspaceWithModel(store, 'b', model, START);
  const addUser = (ws: string, email: string, role: 'owner' | 'marketer' | 'sales' | 'viewer') =>
    createUserWithPassword(store, { workspaceId: ws, email, role, password: PASSWORD, now: START });
  return {
    app,
    a,
    b,
    addUser,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const errorOf = (body: string) => {
  const { error } = JSON.parse(body) as { error: Record<string, unknown> };
  return { ...error, requestId: undefined };
};

describe.each(freshStores())('sessions on $name', ({ open, openShared }) => {
  it('signs in, answers the same for a wrong password and an unknown e-mail, and signs out', async () => {
    const { app, a, addUser } = await setup(await open());
    const owner = await addUser(a.ws, 'Owner@Example.com', 'owner');
    const signed = await login(app, 'OWNER@example.com');
    expect(signed.res.statusCode).toBe(200);
    const body = signed.res.json<{
      user: { id: string; email: string; lastSignInAt: string };
      workspaces: { id: string; name: string; role: string; permissions: string[] }[];
      csrfToken: string;
    }>();
    expect(body.user).toEqual({
      id: owner.id,
      email: 'owner@example.com',
      lastSignInAt: new Date(START).toISOString(),
    });
    expect(body.workspaces).toEqual([
      { id: a.ws, name: 'a', role: 'owner', permissions: expect.arrayContaining(['users.manage']) },
    ]);
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    // The cookie: HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP.
    expect(signed.cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(signed.cookie).not.toHaveProperty('secure');
    expect(JSON.stringify(body)).not.toContain(signed.cookie!.value);

    // /v1/auth/me answers a new tab the same, with its CSRF token.
    const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: signed.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    const wrong = await login(app, 'owner@example.com', 'not the password at all');
    const unknown = await login(app, 'nobody@example.com', 'not the password at all');
    expect([wrong.res.statusCode, unknown.res.statusCode]).toEqual([401, 401]);
    expect(errorOf(wrong.res.body)).toEqual(errorOf(unknown.res.body));
    expect(wrong.cookie).toBeUndefined();

    const out = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: signed.unsafeHeaders,
    });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'leadscore_session')?.value).toBe('');
    const after = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: signed.headers });
    expect(after.statusCode).toBe(401);
  });

  it('sets Secure on the cookie when a trusted proxy says the request came over HTTPS', async () => {
    const { app, a, addUser } = await setup(await open());
    await addUser(a.ws, 'owner@example.com', 'owner');
    const res = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'owner@example.com', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies[0]).toMatchObject({ name: 'leadscore_session', secure: true });
  });

  it('ends a session idle too long, and any session at its absolute expiry', async () => {
    const { app, a, addUser, advance } = await setup(await open(), {
      idleMinutes: 30,
      maxHours: 2,
    });
    await addUser(a.ws, 'owner@example.com', 'owner');
    const me = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/v1/leads', headers });

    const idle = await login(app, 'owner@example.com');
    advance(29 * MINUTE);
    expect((await me(idle.headers)).statusCode).toBe(200);
    // Used 29 minutes in: idle expiry counts from then.
    advance(29 * MINUTE);
    expect((await me(idle.headers)).statusCode).toBe(200);
    advance(31 * MINUTE);
    const expired = await me(idle.headers);
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { message: string } }>().error.message).toMatch(/expired/);

    const busy = await login(app, 'owner@example.com');
    for (let used = 0; used < 2 * HOUR - 20 * MINUTE; used += 20 * MINUTE) {
      advance(20 * MINUTE);
      expect((await me(busy.headers)).statusCode).toBe(200);
    }
    advance(20 * MINUTE);
    expect((await me(busy.headers)).statusCode).toBe(401);
  });

  it('refuses a cookie request that changes state without the CSRF token', async () => {
    const { app, a, addUser } = await setup(await open());
    await addUser(a.ws, 'owner@example.com', 'owner');
    const signed = await login(app, 'owner@example.com');
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/v1/keys', headers, payload: { kind: 'write' } });
    const missing = await post(signed.headers);
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ error: { message: string } }>().error.message).toMatch(
      /missing X-CSRF-Token/,
    );
    const wrong = await post({ ...signed.headers, 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect((await post(signed.unsafeHeaders)).statusCode).toBe(201);
    // Logout too needs it.
    const out = await app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: signed.headers,
    });
    expect(out.statusCode).toBe(403);
  });

  it('throttles failed sign-ins per account and per address, answering Retry-After', async () => {
    const { app, a, addUser, advance } = await setup(await open());
    await addUser(a.ws, 'owner@example.com', 'owner');
    for (let i = 0; i < 5; i++)
      expect(
        (await login(app, 'owner@example.com', 'wrong password!', '10.0.0.1')).res.statusCode,
      ).toBe(401);
    // The account is held, from any address, even with the right password.
    const held = await login(app, 'owner@example.com', PASSWORD, '10.0.0.2');
    expect(held.res.statusCode).toBe(429);
    expect(held.res.headers['retry-after']).toBe('1');
    expect(held.res.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    advance(1000);
    expect(
      (await login(app, 'owner@example.com', 'wrong password!', '10.0.0.3')).res.statusCode,
    ).toBe(401);
    // The sixth failure: two seconds.
    const longer = await login(app, 'owner@example.com', PASSWORD, '10.0.0.3');
    expect(longer.res.headers['retry-after']).toBe('2');
    advance(2000);
    expect((await login(app, 'owner@example.com', PASSWORD, '10.0.0.3')).res.statusCode).toBe(200);
    // Success cleared the account's count.
    expect(
      (await login(app, 'owner@example.com', 'wrong password!', '10.0.0.4')).res.statusCode,
    ).toBe(401);
    expect((await login(app, 'owner@example.com', PASSWORD, '10.0.0.4')).res.statusCode).toBe(200);

    // One address trying many accounts is held too.
    for (let i = 0; i < 5; i++)
      expect(
        (await login(app, `guess${i}@example.com`, 'wrong password!', '10.0.0.9')).res.statusCode,
      ).toBe(401);
    const fromOne = await login(app, 'owner@example.com', PASSWORD, '10.0.0.9');
    expect(fromOne.res.statusCode).toBe(429);
  });

  it('acts in the workspace the user names, or their only one', async () => {
    const { app, a, b, addUser } = await setup(await open());
    await addUser(a.ws, 'both@example.com', 'owner');
    await addUser(b.ws, 'both@example.com', 'viewer');
    await addUser(a.ws, 'one@example.com', 'viewer');
    const both = await login(app, 'both@example.com');
    const one = await login(app, 'one@example.com');
    const get = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/v1/keys', headers });

    const unnamed = await get(both.headers);
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json<{ error: { message: string } }>().error.message).toContain(
      'X-Leadscore-Workspace',
    );
    expect((await get({ ...both.headers, 'x-leadscore-workspace': a.ws })).statusCode).toBe(200);
    // A viewer in b: may not manage keys there.
    const inB = await get({ ...both.headers, 'x-leadscore-workspace': b.ws });
    expect(inB.statusCode).toBe(403);
    expect(inB.json<{ error: { message: string } }>().error.message).toBe(
      'your role (viewer) may not manage API keys',
    );
    // The only workspace needs no header; another one is refused.
    const leads = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/v1/leads', headers });
    expect((await leads(one.headers)).statusCode).toBe(200);
    expect((await leads({ ...one.headers, 'x-leadscore-workspace': b.ws })).statusCode).toBe(403);
    // An api key acts in its own workspace only.
    expect((await leads({ ...a.admin, 'x-leadscore-workspace': b.ws })).statusCode).toBe(403);
  });

  it('keeps cookies off ingestion and keys off sessions', async () => {
    const { app, a, addUser } = await setup(await open());
    await addUser(a.ws, 'owner@example.com', 'owner');
    const signed = await login(app, 'owner@example.com');
    const track = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: signed.unsafeHeaders,
      payload: { userId: 'u1', event: 'Email Opened' },
    });
    expect(track.statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: a.admin });
    expect(me.statusCode).toBe(401);
    const logout = await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: a.admin });
    expect(logout.statusCode).toBe(401);
  });

  it('a user disabled or given another role through server A is refused by server B within a second', async () => {
    const db = await openShared();
    const clock = () => Date.now();
    const a = await buildApp({ store: db.store, models: new ActiveModels(), clock });
    const b = await buildApp({ store: db.another(), models: new ActiveModels(), clock });
    const w = await workspaceWithModel(db.store, 'w', model, clock());
    for (const email of ['marketer@example.com', 'doomed@example.com'])
      await createUserWithPassword(db.store, {
        workspaceId: w.ws,
        email,
        role: 'marketer',
        password: PASSWORD,
        now: clock(),
      });
    const marketer = await login(b, 'marketer@example.com');
    const doomed = await login(b, 'doomed@example.com');
    const models = (headers: Record<string, string>) =>
      b.inject({ method: 'GET', url: '/v1/models', headers });
    // B has just resolved both sessions (and remembers them).
    expect((await models(marketer.headers)).statusCode).toBe(200);
    expect((await models(doomed.headers)).statusCode).toBe(200);
    const users = (await a.inject({ method: 'GET', url: '/v1/users', headers: w.admin })).json<{
      items: { id: string; email: string }[];
    }>().items;
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    const patch = (email: string, payload: object) =>
      a.inject({ method: 'PATCH', url: `/v1/users/${idOf(email)}`, headers: w.admin, payload });
    expect((await patch('marketer@example.com', { role: 'viewer' })).statusCode).toBe(200);
    expect((await patch('doomed@example.com', { disabled: true })).statusCode).toBe(200);
    const deadline = performance.now() + 1000;
    const refused = async () =>
      (await models(marketer.headers)).statusCode === 401 &&
      (await models(doomed.headers)).statusCode === 401;
    let ok = await refused();
    while (!ok && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ok = await refused();
    }
    expect(ok, 'B still served a changed user a second after A changed it').toBe(true);
    // Signed in again, the marketer now acts as a viewer; the disabled user cannot sign in.
    const again = await login(b, 'marketer@example.com');
    expect(again.res.json<{ workspaces: { role: string }[] }>().workspaces[0]?.role).toBe('viewer');
    expect(
      (
        await b.inject({
          method: 'POST',
          url: '/v1/models',
          headers: again.unsafeHeaders,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect((await login(b, 'doomed@example.com')).res.statusCode).toBe(401);
    await a.close();
    await b.close();
  });
});
