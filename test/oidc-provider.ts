// A real OpenID provider for tests (oidc-provider, a certified implementation) on 127.0.0.1 at a
// random port, with one confidential client (client_secret_basic, PKCE required) and accounts
// whose claims the test sets; and a small browser (manual redirects, a cookie jar) that signs in
// through its development login form.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type LoadGrantContext } from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  /** Claims of each account (its `sub` is the key), read at each sign-in. */
  accounts: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

export const ROLE_CLAIM = 'leadscore_roles';

export async function startProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', ROLE_CLAIM],
    },
    findAccount: (_ctx: unknown, id: string) => {
      const claims = accounts.get(id);
      return claims && { accountId: id, claims: async () => ({ ...claims, sub: id }) };
    },
    // A first-party client: consent is given without asking.
    loadExistingGrant: async (ctx: LoadGrantContext) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    cookies: { keys: ['leadscore-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  handle = provider.callback();
  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per host, as a browser keeps them (paths ignored: the test's hosts are few). */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    return cookies;
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookies = this.cookies(url);
    const headers = new Headers(init.headers);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const gone = attributes.some(
        (a) =>
          /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
      );
      if (gone || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }
}

/**
 * Signs `login` in at the provider from its authorization URL: the login form posted, redirects
 * followed, until the provider sends the browser to `redirectUri`; answers that callback URL.
 */
export async function signInAtProvider(
  browser: Browser,
  authorizationUrl: string,
  login: string,
  redirectUri: string,
): Promise<URL> {
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    if (url.startsWith(redirectUri)) return new URL(url);
    const response = await browser.request(url);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt)
        throw new Error(`the provider's page has no form: ${html.slice(0, 300)}`);
      const form = new URLSearchParams({ prompt, login, password: 'any' });
      const posted = await browser.request(new URL(action, url).href, {
        method: 'POST',
        body: form,
      });
      url = new URL(posted.headers.get('location') ?? '', url).href;
      continue;
    }
    const location = response.headers.get('location');
    if (!location)
      throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('the provider did not send the browser back');
}
