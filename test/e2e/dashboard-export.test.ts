// The leads list's Export button in a real browser against `leadscore serve --demo`: the file it
// saves holds every lead the current filters select (all pages), as the API's export gives it.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { ADMIN_KEY, startDemoServer, type DemoServer } from './demo-server.js';

describe.skipIf(!HAVE_CHROMIUM)('dashboard: export', { timeout: 60_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the filtered leads, every page of them', async () => {
    const { page } = browser;
    await signIn(page, server.url);
    await page.getByLabel('Segment').selectOption('nurture');
    await page.waitForURL(/segment=nurture/);
    await page.locator('table.leads-table tbody tr').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export NDJSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{8}T\d{6}Z\.ndjson$/);
    const saved = await readFile(await download.path(), 'utf8');
    const rows = saved
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; segment: string });
    // More than the one page the list shows, all of the segment, the same leads as the API's.
    expect(rows.length).toBeGreaterThan(25);
    expect(new Set(rows.map((r) => r.segment))).toEqual(new Set(['nurture']));
    const api = await fetch(`${server.url}/v1/leads/export?format=ndjson&segment=nurture`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const expected = (await api.text())
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(rows.map((r) => r.id)).toEqual(expected);
    await screenshot(page, 'leads-export');
    expect(browser.errors).toEqual([]);
  });
});
