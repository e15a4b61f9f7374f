// Single sign-on end to end over HTTP: leadscore on a real port, a real OpenID provider
// (oidc-provider) beside it, and a small browser following redirects with a cookie jar through
// the provider's login form. A first sign-in creates the user with the default role and a working
// session; the next one finds it; a disallowed domain, a changed state or nonce and a callback
// without its cookie are refused with a redirect to the sign-in page, creating nobody.
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { resolveSession } from '../src/service/auth/sessions.js';
import { OidcClient } from '../src/service/auth/oidc-client.js';
import { OIDC_CALLBACK_PATH, type OidcSettings } from '../src/service/auth/oidc-settings.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import {
  Browser,
  ROLE_CLAIM,
  signInAtProvider,
  startProvider,
  type TestProvider,
} from './oidc-provider.js';

const sqlite = freshStores().find((kind) => kind.name === 'sqlite');
const CLIENT_ID = 'leadscore';
const CLIENT_SECRET = 'a-client-secret-for-tests';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Server {
  url: string;
  redirectUri: string;
  app: FastifyInstance;
}

let store: Store;
let firstPort = 0;
let provider: TestProvider;
let server: Server;
let roleServer: Server;
let plainServer: Server;
let workspaceId: string;
/** The request and single sign-on log lines of `server`. */
const logLines: string[] = [];

async function serve(
  port: number,
  policy: Partial<OidcSettings['policy']> | null,
  issuer = provider.issuer,
): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const redirectUri = `${url}${OIDC_CALLBACK_PATH}`;
  const settings: OidcSettings = {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    name: 'Acme SSO',
    policy: {
      allowedDomains: ['acme.test'],
      defaultRole: 'viewer',
      roleClaim: undefined,
      workspace: undefined,
      ...policy,
    },
  };
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => Date.now(),
    ...(policy ? { oidc: new OidcClient(settings, { timeoutSeconds: 2 }) } : {}),
    ...(port === firstPort
      ? {
          logging: {
            level: 'info' as const,
            stream: { write: (line: string) => logLines.push(line) },
          },
        }
      : {}),
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { url, redirectUri, app };
}

beforeAll(async () => {
  if (!sqlite) return;
  store = await sqlite.open();
  workspaceId = (await store.createWorkspace('acme', Date.now())).id;
  // The provider's client may send people back to either server with single sign-on.
  const [port, rolePort, plainPort] = [await freePort(), await freePort(), await freePort()];
  firstPort = port;
  provider = await startProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [port, rolePort].map((p) => `http://127.0.0.1:${p}${OIDC_CALLBACK_PATH}`),
  });
  server = await serve(port, {});
  roleServer = await serve(rolePort, { roleClaim: ROLE_CLAIM });
  plainServer = await serve(plainPort, null);
  provider.accounts.set('ann', { email: 'ann@acme.test', email_verified: true });
  provider.accounts.set('mal', { email: 'mal@evil.test', email_verified: true });
  provider.accounts.set('max', {
    email: 'max@acme.test',
    email_verified: true,
    [ROLE_CLAIM]: ['marketer'],
  });
});
afterAll(async () => {
  for (const s of [server, roleServer, plainServer]) await s?.app.close();
  await provider?.close();
});

/** Starts a sign-in at leadscore: answers the provider's URL (the browser now holds the cookie). */
async function start(browser: Browser, at: Server, query = ''): Promise<string> {
  const response = await browser.request(`${at.url}/v1/auth/oidc/start${query}`);
  expect(response.status).toBe(302);
  return response.headers.get('location') ?? '';
}

/** A whole sign-in; `tamper` may change the callback URL or the browser before it is followed. */
async function signIn(
  login: string,
  at: Server = server,
  tamper?: (callback: URL, browser: Browser) => Promise<void> | void,
): Promise<{ browser: Browser; location: string }> {
  const browser = new Browser();
  const callback = await signInAtProvider(browser, await start(browser, at), login, at.redirectUri);
  await tamper?.(callback, browser);
  const response = await browser.request(callback.href);
  expect(response.status).toBe(302);
  return { browser, location: response.headers.get('location') ?? '' };
}

/** GET /v1/auth/me with the browser's cookies: its status and answer. */
async function me(browser: Browser, at: Server = server) {
  const response = await browser.request(`${at.url}/v1/auth/me`);
  return { status: response.status, body: JSON.stringify(await response.json()) };
}

/** The e-mail of the browser's session, as GET /v1/auth/me answers it; undefined when refused. */
async function signedInAs(browser: Browser, at: Server = server): Promise<string | undefined> {
  const { status, body } = await me(browser, at);
  if (status !== 200) return undefined;
  return /"email":"([^"]+)"/.exec(body)?.[1];
}

describe.runIf(sqlite)('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page about the provider, or that there is none', async () => {
    const browser = new Browser();
    const configured = await browser.request(`${server.url}/v1/auth/providers`);
    expect(await configured.json()).toEqual({
      password: true,
      oidc: { name: 'Acme SSO', startUrl: '/v1/auth/oidc/start' },
    });
    const plain = await browser.request(`${plainServer.url}/v1/auth/providers`);
    expect(await plain.json()).toEqual({ password: true, oidc: null });
    const refused = await browser.request(`${plainServer.url}/v1/auth/oidc/start`);
    expect(refused.headers.get('location')).toBe('/sign-in?error=sso_not_configured');
  });

  it('starts with code + PKCE S256, state and nonce kept in a short HttpOnly Lax cookie', async () => {
    const response = await fetch(`${server.url}/v1/auth/oidc/start`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(provider.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: server.redirectUri,
      state: expect.any(String),
      nonce: expect.any(String),
    });
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(
      /^leadscore_oidc=[^;]+; Max-Age=600; Path=\/v1\/auth\/oidc; HttpOnly; SameSite=Lax$/,
    );
  });

  it('creates the user of a first sign-in with the default role and a working session', async () => {
    const { browser, location } = await signIn('ann');
    expect(location).toBe('/');
    expect(browser.cookies(server.url).has('leadscore_oidc')).toBe(false);
    expect(browser.cookies(server.url).has('leadscore_session')).toBe(true);
    const user = await store.findUserByEmail('ann@acme.test');
    expect(user).toMatchObject({ passwordHash: null, disabled: false });
    expect(await store.membership(workspaceId, user?.id ?? '')).toMatchObject({ role: 'viewer' });
    expect(await signedInAs(browser)).toBe('ann@acme.test');
    // A management read with the session works too: a viewer may list leads.
    const leads = await browser.request(`${server.url}/v1/leads`);
    expect(leads.status).toBe(200);
    expect((await me(browser)).body).toMatch(
      /"workspaces":\[\{"id":"[^"]+","name":"acme","role":"viewer"/,
    );
  });

  it('finds the same user at the next sign-in, ending the session the browser had', async () => {
    const before = await store.countUsers();
    const { browser, location } = await signIn('ann');
    expect(location).toBe('/');
    expect(await store.countUsers()).toBe(before);
    expect(await signedInAs(browser)).toBe('ann@acme.test');
    const first = browser.cookies(server.url).get('leadscore_session') ?? '';
    const callback = await signInAtProvider(
      browser,
      await start(browser, server),
      'ann',
      server.redirectUri,
    );
    expect((await browser.request(callback.href)).headers.get('location')).toBe('/');
    const second = browser.cookies(server.url).get('leadscore_session') ?? '';
    expect(second).not.toBe(first);
    expect(await resolveSession(store, first, Date.now())).toBeUndefined();
    expect(await signedInAs(browser)).toBe('ann@acme.test');
  });

  it('returns to the page named by ?next, only when it is a page of this site', async () => {
    const back = async (next: string) => {
      const browser = new Browser();
      const query = `?next=${encodeURIComponent(next)}`;
      const provider = await start(browser, server, query);
      const callback = await signInAtProvider(browser, provider, 'ann', server.redirectUri);
      return (await browser.request(callback.href)).headers.get('location');
    };
    expect(await back('/leads/lead%2042?tab=history')).toBe('/leads/lead%2042?tab=history');
    expect(await back('//evil.example/x')).toBe('/');
    expect(await back('/\\evil.example')).toBe('/');
    expect(await back('https://evil.example/')).toBe('/');
    expect(await back('/leads/é')).toBe('/');
  });

  it('refuses a domain not allowed, creating no user and no session', async () => {
    const { browser, location } = await signIn('mal');
    expect(location).toBe('/sign-in?error=sso_domain');
    expect(await store.findUserByEmail('mal@evil.test')).toBeUndefined();
    expect(browser.cookies(server.url).has('leadscore_session')).toBe(false);
    expect(await signedInAs(browser)).toBeUndefined();
  });

  it('refuses a changed state, logging why without the code, state or cookies', async () => {
    let secrets: string[] = [];
    const { browser, location } = await signIn('ann', server, (callback, b) => {
      secrets = [
        callback.searchParams.get('code') ?? '',
        callback.searchParams.get('state') ?? '',
        ...(b.cookies(server.url).get('leadscore_oidc') ?? '').split('.').slice(0, 3),
      ];
      callback.searchParams.set('state', 'forged-state');
    });
    expect(location).toBe('/sign-in?error=sso_failed');
    expect(browser.cookies(server.url).has('leadscore_session')).toBe(false);
    const log = logLines.join('');
    expect(log).toMatch(/"sso":"sso_failed","reason":"[^\n]*state[^\n]*single sign-on refused/);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(log).not.toContain(secret);
    }
    expect(log).not.toContain('forged-state');
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    // Another sign-in's nonce swapped into this browser's cookie: the ID token carries the first.
    const other = new Browser();
    await start(other, server);
    const otherNonce = other.cookies(server.url).get('leadscore_oidc')?.split('.')[1] ?? '';
    const { browser, location } = await signIn('ann', server, (_callback, b) => {
      const cookies = b.cookies(server.url);
      const [state, , verifier, next] = (cookies.get('leadscore_oidc') ?? '').split('.');
      cookies.set('leadscore_oidc', `${state}.${otherNonce}.${verifier}.${next}`);
    });
    expect(location).toBe('/sign-in?error=sso_failed');
    expect(browser.cookies(server.url).has('leadscore_session')).toBe(false);
  });

  it('refuses a callback without its cookie (another browser, or expired)', async () => {
    const { location } = await signIn('ann', server, (_callback, browser) => {
      browser.cookies(server.url).delete('leadscore_oidc');
    });
    expect(location).toBe('/sign-in?error=sso_expired');
  });

  it('starts while the provider is down, and the button then says so', async () => {
    const down = await serve(await freePort(), {}, `http://127.0.0.1:${await freePort()}`);
    try {
      const response = await fetch(`${down.url}/v1/auth/oidc/start`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/sign-in?error=sso_unavailable');
      expect(response.headers.getSetCookie()).toEqual([]);
    } finally {
      await down.app.close();
    }
  });

  it('sets the role from the role claim', async () => {
    const { browser, location } = await signIn('max', roleServer);
    expect(location).toBe('/');
    const user = await store.findUserByEmail('max@acme.test');
    expect(await store.membership(workspaceId, user?.id ?? '')).toMatchObject({ role: 'marketer' });
    provider.accounts.set('max', {
      email: 'max@acme.test',
      email_verified: true,
      [ROLE_CLAIM]: 'sales',
    });
    await signIn('max', roleServer);
    expect(await store.membership(workspaceId, user?.id ?? '')).toMatchObject({ role: 'sales' });
    expect(await signedInAs(browser, roleServer)).toBe('max@acme.test');
    expect((await me(browser, roleServer)).body).toMatch(/"role":"sales"/);
  });
});
