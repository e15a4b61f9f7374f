// The Automation page's Channels tab in a real browser against `leadscore serve --demo`: a Slack
// channel made with the form against a local HTTP receiver, its test send and the result shown,
// the secret URL never shown again (the edit form keeps it), disable, enable and delete.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_SENDERS } from '../../src/service/channels/senders.js';
import { HAVE_CHROMIUM, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

interface SlackPost {
  path: string;
  contentType: string | undefined;
  body: { text?: unknown; blocks?: unknown };
}

/**
 * A Slack incoming webhook as documented (https://api.slack.com/messaging/webhooks): a POST of
 * JSON with `text` and/or Block Kit `blocks`, answered 200 `ok`; anything else 400, as Slack does.
 */
function slackReceiver(): Promise<{ server: Server; url: string; posts: SlackPost[] }> {
  const posts: SlackPost[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: SlackPost['body'] | undefined;
      try {
        body = JSON.parse(raw) as SlackPost['body'];
      } catch {
        body = undefined;
      }
      const valid =
        req.method === 'POST' &&
        body !== undefined &&
        (typeof body.text === 'string' || Array.isArray(body.blocks));
      if (!valid || body === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
        return;
      }
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, posts });
    }),
  );
}

const TOKEN = 'xoxSecretHookToken42';

describe.skipIf(!HAVE_CHROMIUM)('dashboard: channels', { timeout: 90_000 }, () => {
  let server: DemoServer;
  let browser: Browser;
  let slack: Awaited<ReturnType<typeof slackReceiver>>;

  beforeAll(async () => {
    [server, browser, slack] = await Promise.all([
      startDemoServer(),
      openBrowser(),
      slackReceiver(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => slack?.server.close(resolve));
  });

  it('adds a Slack channel, sends a test, edits, disables and deletes it', async () => {
    const { page } = browser;
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server.url);
    await page.getByRole('link', { name: 'Automation', exact: true }).click();
    await page.getByRole('tab', { name: 'Channels' }).click();
    await page.getByText('No channels yet').waitFor();

    const hookUrl = `${slack.url}/services/T000/B000/${TOKEN}`;
    await page.getByLabel('Kind').selectOption('slack');
    await page.getByLabel('Name').fill('Deals');
    await page.getByLabel('Incoming-webhook URL').fill(hookUrl);
    await page.getByLabel('Description').fill('#deals');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const row = page.getByTestId('channels').locator('tr', { hasText: 'Deals' });
    await expect.poll(() => row.textContent()).toContain('enabled');
    // Answered back by name only.
    const [channel] = (
      await server.admin<{ items: { id: string; secretsSet: string[] }[] }>('/v1/channels')
    ).items;
    expect(channel?.secretsSet).toEqual(['webhookUrl']);
    expect(await page.content()).not.toContain(TOKEN);

    await row.getByRole('button', { name: 'Send test' }).click();
    const note = page.getByRole('status').filter({ hasText: 'Test to Deals' });
    if (CHANNEL_SENDERS.slack) {
      await expect.poll(() => note.textContent()).toMatch(/^Test to Deals sent \(status 200/);
      expect(slack.posts).toHaveLength(1);
      expect(slack.posts[0]).toMatchObject({
        path: `/services/T000/B000/${TOKEN}`,
        contentType: expect.stringMatching(/^application\/json/),
      });
    } else {
      // This build has no Slack sender: the test says so rather than failing inside.
      await expect
        .poll(() => note.textContent())
        .toBe('Test to Deals failed: this server cannot send to slack channels');
    }
    await screenshot(page, 'automation-channels');

    // The edit form leaves the secret empty, and saving keeps it.
    await row.getByRole('button', { name: 'Edit' }).click();
    const urlInput = page.getByLabel('Incoming-webhook URL');
    expect(await urlInput.inputValue()).toBe('');
    expect(await urlInput.getAttribute('placeholder')).toBe('set — leave empty to keep');
    await page.getByLabel('Description').fill('#won-deals');
    await page.getByRole('button', { name: 'Save channel' }).click();
    await expect
      .poll(
        async () => (await server.admin<{ config: object }>(`/v1/channels/${channel!.id}`)).config,
      )
      .toEqual({ description: '#won-deals' });
    expect(
      (await server.admin<{ secretsSet: string[] }>(`/v1/channels/${channel!.id}`)).secretsSet,
    ).toEqual(['webhookUrl']);

    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.textContent()).toContain('disabled');
    await row.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => row.textContent()).toContain('enabled');
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No channels yet').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
