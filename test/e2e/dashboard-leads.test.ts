// The dashboard in a real browser against `leadscore serve --demo`: sign-in, the ranked list
// and its filters, a lead's explanation, live updates from ingestion, and sales feedback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, type Browser } from './browser.js';
import { DEMO, DEMO_PASSWORD, startDemoServer, type DemoServer } from './demo-server.js';

interface ListedLead {
  id: string;
  score: number;
  segment: string;
}

describe.skipIf(!HAVE_CHROMIUM)('dashboard: leads', { timeout: 60_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signInAs = async (email: string, password = DEMO_PASSWORD) => {
    const { page } = browser;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  it('sends a visitor to sign in, refuses a wrong password, and shows the ranked leads', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/leads`);
    await page.waitForURL(/\/sign-in\?next=%2Fleads/);
    await signInAs(DEMO.owner, 'not-the-password-at-all');
    await page.locator('#sign-in-error').waitFor();
    await screenshot(page, 'sign-in-refused');

    await signInAs(DEMO.owner);
    await page.waitForURL(/\/leads$/);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('owner');
    const rows = page.locator('table.leads-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    const scores = (await page.getByTestId('lead-score').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await screenshot(page, 'leads-list');
    expect(browser.errors).toEqual([]);
  });

  it('keeps nothing secret in web storage and opens a lead link in a new tab signed in', async () => {
    const { page } = browser;
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toMatch(/csrf|session|password/i);
    const top = (await server.admin<{ items: ListedLead[] }>('/v1/leads?limit=1')).items[0]!;
    const tab = await page.context().newPage();
    await tab.goto(`${server.url}/leads/${encodeURIComponent(top.id)}`);
    await tab.getByTestId('score').waitFor();
    expect(tab.url()).toMatch(new RegExp(`/leads/${top.id}$`));
    await tab.close();
  });

  it('goes back to sign-in with a message when the session ends', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/leads`);
    await page.locator('table.leads-table').waitFor();
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fanalytics/);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Sign in again/);
    await screenshot(page, 'sign-in-expired');
    await signInAs(DEMO.owner);
    await page.waitForURL(/\/analytics/);
  });

  it('opens the top lead: its contributions add up to its score', async () => {
    const { page } = browser;
    const top = (await server.admin<{ items: ListedLead[] }>('/v1/leads?limit=1')).items[0]!;
    await page.goto(`${server.url}/leads`);
    await page.locator('a.lead-link').first().click();
    await page.waitForURL(new RegExp(`/leads/${top.id}$`));
    const table = page.getByTestId('contributions');
    await table.waitFor();
    const lead = await server.admin<{ score: number }>(`/v1/leads/${top.id}`);
    const points = (await page.getByTestId('contribution-points').allTextContents()).map(Number);
    const sum = points.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - lead.score)).toBeLessThan(0.01 * points.length);
    const total = Number(await page.getByTestId('contributions-total').textContent());
    expect(total).toBeCloseTo(lead.score, 1);
    expect(Number(await page.getByTestId('score').textContent())).toBeCloseTo(lead.score, 0);
    await page.getByText('Score history').waitFor();
    await page.getByTestId('timeline').waitFor();
    await screenshot(page, 'lead-top');
  });

  it('filters the list by segment, keeping the filter in the address', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/leads`);
    await page.locator('table.leads-table tbody tr').first().waitFor();
    await page.getByLabel('Segment').selectOption('nurture');
    await page.waitForURL(/segment=nurture/);
    await expect
      .poll(async () => new Set(await page.getByTestId('lead-segment').allTextContents()))
      .toEqual(new Set(['nurture']));
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => page.locator('.pager').textContent()).toContain('26–50');
    expect(new Set(await page.getByTestId('lead-segment').allTextContents())).toEqual(
      new Set(['nurture']),
    );
    await screenshot(page, 'leads-filtered');

    await page.goto(`${server.url}/leads`);
    await page.getByLabel('Owner').fill('dana@example.com');
    await page.waitForURL(/owner=dana%40example.com/);
    await expect
      .poll(
        async () => new Set(await page.locator('[data-lead-id] td:nth-child(6)').allTextContents()),
      )
      .toEqual(new Set(['dana@example.com']));
  });

  it('shows a new event in the lead’s score and timeline', async () => {
    const { page } = browser;
    const id = 'e2e-lead-1';
    await server.send('identify', {
      userId: id,
      traits: { name: 'Erin Example', email: 'erin@example.com', title: 'Marketing Manager' },
    });
    await page.goto(`${server.url}/leads/${id}`);
    const before = Number(await page.getByTestId('score').textContent());
    await server.send('track', {
      userId: id,
      event: 'Demo Requested',
      properties: { plan: 'pro' },
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('score').textContent()))
      .toBeGreaterThan(before + 20);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Demo Requested');
    await expect.poll(() => page.getByTestId('contributions').textContent()).toContain('demo');
    await screenshot(page, 'lead-after-event');
  });

  it('shows analytics, automation and settings', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.getByRole('img', { name: /^Score distribution of 3\d{3} scored leads/ }).waitFor();
    await page.getByRole('img', { name: 'Leads and customers per funnel stage' }).waitFor();
    await page.getByTestId('handover').waitFor();
    await page.getByRole('button', { name: 'Run the analysis' }).click();
    await page.getByText(/^Overall: \d+ of [\d,]+ leads converted/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Train logistic regression' }).click();
    await page.getByTestId('predictive-report').waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: /ROC curve/ }).waitFor();
    await expect.poll(() => page.getByTestId('predictive-models').textContent()).toContain('v1');
    // Every version carries its readiness grade, and the report says why it has it.
    await expect
      .poll(() => page.getByTestId('readiness').first().textContent())
      .toMatch(/^(poor|fair|good|excellent)$/);
    await page.getByTestId('readiness-reason').waitFor();
    // Once active, its drift since training is measured (none yet: the leads are those it was
    // trained on), and retraining can be scheduled.
    await page
      .getByTestId('predictive-models')
      .getByRole('button', { name: 'Activate', exact: true })
      .click();
    await expect
      .poll(() => page.getByTestId('predictive-drift').textContent(), { timeout: 30_000 })
      .toMatch(/No drift past 0\.2 since v1 was trained/);
    await page.getByRole('img', { name: /^Drift \(population stability index\)/ }).waitFor();
    await page.getByLabel('Every (days, empty: off)').fill('14');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect
      .poll(() => page.getByTestId('predictive-retraining').textContent())
      .toContain('Retrained every 14 days');
    await screenshot(page, 'analytics');

    await page.getByRole('link', { name: 'Automation', exact: true }).click();
    await page.getByLabel('New subscription URL').fill('http://127.0.0.1:9/hooks/crm');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.getByTestId('webhooks').textContent()).toContain('/hooks/crm');
    await page.getByText(/Signing secret: whsec_/).waitFor();
    await page.getByTestId('transitions').waitFor();
    await screenshot(page, 'automation');

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Name (optional)').fill('marketing site');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByTestId('new-key').textContent();
    expect(key).toBeTruthy();
    expect(await page.getByTestId('snippet-analytics-node').textContent()).toContain(
      `writeKey: '${key}', host: '${server.url}'`,
    );
    await expect.poll(() => page.getByTestId('keys').textContent()).toContain('marketing site');
    // An api key for automation, with the least role it needs.
    await page.getByLabel('Kind').selectOption('api');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByLabel('Name (optional)').fill('reporting');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => page.getByTestId('new-key').textContent()).toMatch(/^ls_api_/);
    await expect
      .poll(() => page.getByTestId('keys').locator('tr', { hasText: 'reporting' }).textContent())
      .toMatch(/api\s*viewer/);
    await screenshot(page, 'settings');
  });

  it('records sales feedback: a rejection needs a reason and moves the lead back', async () => {
    const { page } = browser;
    // A lead still waiting for sales' answer (the demo's reps have answered most hand-overs).
    const mqls = await server.admin<{ items: ListedLead[] }>('/v1/leads?limit=200&segment=mql');
    let lead: ListedLead | undefined;
    for (const item of mqls.items) {
      const path = `/v1/leads/${encodeURIComponent(item.id)}/lifecycle`;
      if ((await server.admin<{ stage: string }>(path)).stage !== 'mql') continue;
      lead = item;
      break;
    }
    if (!lead) throw new Error('the demo has no lead in the mql segment waiting for sales');
    await page.goto(`${server.url}/leads/${lead.id}`);
    await expect.poll(() => page.getByTestId('lifecycle-stage').textContent()).toBe('mql');
    await page.getByRole('button', { name: 'Reject…' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Say why: a reason is needed.').waitFor();
    await page.getByLabel('Reason').fill('No budget this year');
    expect(await page.getByLabel('By (optional)').count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('lifecycle-stage').textContent()).toBe('lead');
    await page.getByText('No budget this year').first().waitFor();
    // The server records who did it: the signed-in user.
    await page.getByText(`by ${DEMO.owner}`).first().waitFor();
    const lifecycle = await server.admin<{ stage: string }>(`/v1/leads/${lead.id}/lifecycle`);
    expect(lifecycle.stage).toBe('lead');
    await screenshot(page, 'lead-feedback');
    expect(browser.errors).toEqual([]);
  });
});
