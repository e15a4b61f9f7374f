// The sign-in page with single sign-on configured, in a real browser: the provider's button, and
// a refusal (here, a provider that does not answer) brought back to the page in words. The whole
// OpenID flow against a real provider is test/oidc.test.ts's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, type Browser } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

describe.skipIf(!HAVE_CHROMIUM)('dashboard: single sign-on', { timeout: 60_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startDemoServer({
        // Nothing listens on the discard port: discovery fails, as with a provider that is down.
        LEADSCORE_OIDC_ISSUER: 'http://127.0.0.1:9/',
        LEADSCORE_OIDC_CLIENT_ID: 'leadscore-e2e',
        LEADSCORE_OIDC_CLIENT_SECRET: 'e2e-client-secret-0123456789',
        LEADSCORE_OIDC_NAME: 'Acme SSO',
        // The redirect URI's base; the flow never gets as far as the provider redirecting back.
        LEADSCORE_PUBLIC_URL: 'http://localhost:4000',
      }),
      openBrowser(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the provider’s button and says why a sign-in through it failed', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/leads`);
    await page.waitForURL(/\/sign-in/);
    const button = page.getByRole('link', { name: 'Sign in with Acme SSO' });
    await button.click();
    await page.waitForURL(/\/sign-in\?error=sso_unavailable/);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('Single sign-on failed: the sign-in provider did not answer. Try again in a moment.');
    await page.getByLabel('E-mail').waitFor();
    await screenshot(page, 'sign-in-sso-refused');
    expect(browser.errors).toEqual([]);
  });
});
