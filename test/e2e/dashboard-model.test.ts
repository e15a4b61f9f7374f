// The model editor in a real browser against `leadscore serve --demo`, signed in as the demo's
// marketer: problems shown at their field and line, form and YAML in sync, a version saved with a
// note and its author, the diff of two versions, the what-if run on a saved version after a
// reload, activation confirmed and shown with progress, the lead list re-ranked by the new
// version, rollback offered only to a version that was active; and no People page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { DEMO, startDemoServer, type DemoServer } from './demo-server.js';

const topIds = async (server: DemoServer) =>
  (await server.admin<{ items: { id: string }[] }>('/v1/leads?limit=20')).items.map((l) => l.id);

describe.skipIf(!HAVE_CHROMIUM)('dashboard: model', { timeout: 60_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
    await signIn(browser.page, server.url, DEMO.marketer);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the problems the API finds at the offending field and line', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    const cap = page.getByLabel('Rule web-visit cap points');
    await cap.fill('-5');
    await expect.poll(() => page.locator('#model-yaml').inputValue()).toContain('points: -5');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    const problems = page.getByTestId('model-problems');
    await expect
      .poll(() => problems.textContent())
      .toMatch(/line \d+: engagement\.rules\[5\]\.cap\.points/);
    expect(await cap.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'model-problems');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => cap.inputValue()).toBe('10');

    const yaml = page.locator('#model-yaml');
    await yaml.fill((await yaml.inputValue()).replace('name: b2b-saas', 'name: b2b-tuned'));
    await expect.poll(() => page.getByLabel('Model name').inputValue()).toBe('b2b-tuned');
    await yaml.fill((await yaml.inputValue()).replace('segments:', 'segments: ['));
    await page.getByText(/The YAML does not parse \(line \d+\)/).waitFor();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.getByLabel('Model name').inputValue()).toBe('b2b-saas');
  });

  it('saves a version with a note, compares it, runs its what-if after a reload, confirms activation and re-ranks the leads', async () => {
    const { page } = browser;
    const before = await topIds(server);
    await page.getByLabel('Rule demo points').fill('150');
    await page.getByLabel('Rule demo cap points').fill('600');
    const yaml = await page.locator('#model-yaml').inputValue();
    expect(yaml).toMatch(/id: demo[\s\S]*?points: 150[\s\S]*?points: 600/);

    await page.getByLabel('Version note').fill('Demos weigh more');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved as v2').waitFor();
    const versions = page.getByTestId('versions');
    await expect.poll(() => versions.textContent()).toContain('Demos weigh more');
    expect(await versions.textContent()).toContain(DEMO.marketer);
    // Only v1 was active: v2 is offered activation, never a rollback.
    expect(await page.getByRole('button', { name: 'Roll back to v2' }).count()).toBe(0);

    // The changes by id beside the YAML line diff.
    const changes = page.getByTestId('model-diff');
    await changes.waitFor();
    expect(await changes.textContent()).toMatch(/rule\s*demo\s*changed\s*cap, points/);
    expect(await page.getByTestId('yaml-diff').textContent()).toMatch(/\+ +points: 150/);
    await screenshot(page, 'model-compare');

    // After a reload the saved version's what-if is run from the confirmation and kept.
    await page.reload();
    await page.getByRole('button', { name: 'Activate v2' }).click();
    const dialog = page.getByTestId('activate-dialog');
    await expect
      .poll(() => dialog.getByTestId('last-what-if').textContent())
      .toContain('No what-if has been run');
    await dialog.getByRole('button', { name: 'Preview what-if' }).click();
    await page.getByTestId('move-matrix').waitFor({ timeout: 30_000 });
    expect(
      Number((await page.getByTestId('moved-count').textContent())?.replace(/,/g, '')),
    ).toBeGreaterThan(0);
    await page.getByTestId('ranking').waitFor();
    await screenshot(page, 'model-what-if');

    const kept = await server.admin<{ lastWhatIf: { at: string } | null }>('/v1/models/2');
    expect(kept.lastWhatIf).not.toBeNull();
    await expect
      .poll(() => dialog.getByTestId('last-what-if').textContent())
      .toContain('Last what-if:');
    await page.getByRole('button', { name: 'Confirm activation of v2' }).click();
    const progress = page.getByRole('progressbar', { name: 'Activating model version 2' });
    await progress.waitFor();
    await expect
      .poll(() => progress.getAttribute('aria-valuenow'), { timeout: 30_000 })
      .toBe('100');
    await page.getByText('done, every lead is rescored').waitFor();
    await page.locator('[data-testid="versions"] .badge.ok').waitFor();
    // The list reloads after the job ends: v1's badge may show until it has.
    await expect.poll(() => page.getByTestId('versions').textContent()).toMatch(/v2\s*active/);
    await screenshot(page, 'model-activated');

    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByText('model “b2b-saas” v2').waitFor();
    const after = await page
      .locator('table.leads-table tbody tr')
      .evaluateAll((rows) => rows.slice(0, 20).map((r) => r.getAttribute('data-lead-id')));
    expect(after).toEqual(await topIds(server));
    expect(after).not.toEqual(before);
    await screenshot(page, 'leads-reranked');
  });

  it('gives a marketer no Settings link and refuses the People page by address', async () => {
    const { page } = browser;
    const nav = await page.getByRole('navigation', { name: 'Main' }).textContent();
    expect(nav).toContain('Model');
    expect(nav).not.toContain('Settings');
    await page.goto(`${server.url}/settings/people`);
    await expect
      .poll(() => page.getByTestId('refused').textContent())
      .toMatch(/Your role \(marketer\) cannot manage people/);
    await screenshot(page, 'marketer-no-people');
  });

  it('rolls back to the first version', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByRole('button', { name: 'Roll back to v1' }).waitFor();
    expect(await page.getByRole('button', { name: /^Roll back to/ }).count()).toBe(1);
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByText('done, every lead is rescored').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => (await server.admin<{ active: number }>('/v1/models')).active)
      .toBe(1);
    expect(browser.errors).toEqual([]);
  });
});
