// The dashboard in a real browser against `leadscore serve --demo`: adjust a lead's score by hand
// with a reason, see it in "why this score" and the score change, and remove it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

describe.skipIf(!HAVE_CHROMIUM)('dashboard: manual adjustments', { timeout: 60_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adjusts a lead by +10 with a reason: in "why this score", the score up by 10', async () => {
    const { page } = browser;
    const listed = await server.admin<{ items: { id: string }[] }>('/v1/leads?limit=5');
    const id = listed.items[4]!.id;
    // The demo runs on the real clock: decay moves scores a little between two reads.
    const before = await server.admin<{ score: number }>(`/v1/leads/${id}`);
    await signIn(page, server.url);
    await page.goto(`${server.url}/leads/${encodeURIComponent(id)}`);
    await page.getByTestId('contributions').waitFor();

    await page.getByRole('button', { name: 'Adjust score' }).click();
    const form = page.getByRole('form', { name: 'Adjust score' });
    // A box never stands for a number it does not hold: "abc" is refused, not sent.
    await form.getByLabel('Points').fill('abc');
    await form.getByLabel('Reason').fill('Met at the trade show');
    await form.getByRole('button', { name: 'Save adjustment' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Points/);
    await form.getByLabel('Points').fill('10');
    await form.getByRole('button', { name: 'Save adjustment' }).click();

    await page.getByTestId('manual-contribution').waitFor();
    expect(await page.getByTestId('manual-contribution').textContent()).toBe(
      'Met at the trade show',
    );
    const after = await server.admin<{ score: number }>(`/v1/leads/${id}`);
    expect(after.score).toBeCloseTo(before.score + 10, 1);
    await expect
      .poll(async () => Number(await page.getByTestId('score').textContent()))
      .toBeCloseTo(after.score, 0);
    const total = Number(await page.getByTestId('contributions-total').textContent());
    expect(total).toBeCloseTo(after.score, 1);
    expect(await page.getByTestId('adjustment').textContent()).toMatch(/Met at the trade show/);
    await screenshot(page, 'lead-adjusted');

    await page.getByRole('button', { name: /Remove adjustment/ }).click();
    await page.getByTestId('manual-contribution').waitFor({ state: 'detached' });
    const removed = await server.admin<{ score: number }>(`/v1/leads/${id}`);
    expect(removed.score).toBeCloseTo(before.score, 1);
    expect(browser.errors).toEqual([]);
  });
});
