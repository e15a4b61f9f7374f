// The OpenID client against a real provider (oidc-provider): the authorization request carries
// PKCE S256, state and nonce; the answer's claims come from the ID token and userinfo; a changed
// state or nonce is refused; discovery failing while the provider is down is tried again later.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcClient } from '../src/service/auth/oidc-client.js';
import type { OidcSettings } from '../src/service/auth/oidc-settings.js';
import {
  Browser,
  ROLE_CLAIM,
  signInAtProvider,
  startProvider,
  type TestProvider,
} from './oidc-provider.js';

const REDIRECT = 'http://127.0.0.1:1/v1/auth/oidc/callback';
const CLIENT = {
  clientId: 'leadscore',
  clientSecret: 'a-client-secret-for-tests',
  redirectUris: [REDIRECT],
};

function settings(issuer: string): OidcSettings {
  return {
    issuer,
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    redirectUri: REDIRECT,
    name: 'Test SSO',
    policy: {
      allowedDomains: [],
      defaultRole: 'viewer',
      roleClaim: ROLE_CLAIM,
      workspace: undefined,
    },
  };
}

let provider: TestProvider;
beforeAll(async () => {
  provider = await startProvider(CLIENT);
  provider.accounts.set('ann', {
    email: 'Ann@Example.com',
    email_verified: true,
    [ROLE_CLAIM]: ['marketer'],
  });
});
afterAll(() => provider.close());

describe('OidcClient', () => {
  it('signs in with code + PKCE S256, state and nonce, and answers the claims', async () => {
    const client = new OidcClient(settings(provider.issuer));
    const { url, pending } = await client.start();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('nonce')).toBe(pending.nonce);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    const callback = await signInAtProvider(new Browser(), url.href, 'ann', REDIRECT);
    const login = await client.finish(callback, pending);
    expect(login.issuer).toBe(provider.issuer);
    expect(login.claims).toMatchObject({
      sub: 'ann',
      email: 'Ann@Example.com',
      email_verified: true,
      [ROLE_CLAIM]: ['marketer'],
    });
  });

  it('refuses a changed state and a nonce other than the one sent', async () => {
    const client = new OidcClient(settings(provider.issuer));
    const first = await client.start();
    const callback = await signInAtProvider(new Browser(), first.url.href, 'ann', REDIRECT);
    callback.searchParams.set('state', 'tampered');
    await expect(client.finish(callback, first.pending)).rejects.toMatchObject({
      code: 'sso_failed',
    });

    const second = await client.start();
    const other = await client.start();
    const back = await signInAtProvider(new Browser(), second.url.href, 'ann', REDIRECT);
    await expect(
      client.finish(back, { ...second.pending, nonce: other.pending.nonce }),
    ).rejects.toMatchObject({ code: 'sso_failed', message: expect.stringMatching(/nonce/) });
  });

  it('answers sso_unavailable while the provider is down, and discovers it once it is up', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = new OidcClient(
      { ...settings(`http://127.0.0.1:${port}`) },
      { timeoutSeconds: 2 },
    );
    await expect(client.start()).rejects.toMatchObject({ code: 'sso_unavailable' });
    const up = new OidcClient(settings(provider.issuer));
    await expect(up.start()).resolves.toMatchObject({ url: expect.any(URL) });
  });
});
