// The dashboard for each role in a real browser against `leadscore serve --demo`: a sales rep
// works their own leads, a marketer activates a model, and the owner invites someone and sees
// all three changes, with who made them, on the Audit page; the invitation link then signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  openBrowser,
  screenshot,
  signIn,
  signOut,
  type Browser,
} from './browser.js';
import { runCli } from '../run-cli.js';
import { DEMO, DEMO_PASSWORD, startDemoServer, type DemoServer } from './demo-server.js';

interface ListedLead {
  id: string;
  name: string | null;
  email: string | null;
  owner: string | null;
}

const INVITED = 'newcomer@example.com';
const NEW_PASSWORD = 'a long enough passphrase for e2e';

describe.skipIf(!HAVE_CHROMIUM)('dashboard: roles', { timeout: 90_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const nav = () => browser.page.getByRole('navigation', { name: 'Main' }).textContent();

  it('lands a sales rep on My leads: only their own, and they accept one', async () => {
    const { page } = browser;
    await signIn(page, server.url, DEMO.sales);
    await page.waitForURL(/\/my-leads$/);
    expect(await nav()).not.toMatch(/Model|Settings|Import/);

    const own = await server.admin<{ items: ListedLead[] }>(
      `/v1/leads?owner=${encodeURIComponent(DEMO.sales)}&limit=500`,
    );
    expect(own.items.length).toBeGreaterThan(0);
    const shown = await page
      .locator('table.my-leads tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lead-id')));
    expect(new Set(shown)).toEqual(new Set(own.items.map((l) => l.id)));

    // One of theirs that sales has been handed (stage mql) can be accepted.
    let handed: ListedLead | undefined;
    for (const lead of own.items) {
      const lifecycle = await server.admin<{ stage: string }>(
        `/v1/leads/${encodeURIComponent(lead.id)}/lifecycle`,
      );
      if (lifecycle.stage === 'mql') {
        handed = lead;
        break;
      }
    }
    expect(handed).toBeDefined();
    const name = handed!.name ?? handed!.email ?? handed!.id;
    const row = page.locator(`tr[data-lead-id="${handed!.id}"]`);
    await row.getByRole('button', { name: `Accept ${name}` }).click();
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Accept the lead: recorded.').waitFor();
    await screenshot(page, 'my-leads');

    // A lead of theirs jumps (one whose demo points are not capped yet): the next visit marks
    // it against what this one saw.
    let jumper: ListedLead | undefined;
    for (const lead of own.items.slice(-5).reverse()) {
      const path = `/v1/leads/${encodeURIComponent(lead.id)}`;
      const before = (await server.admin<{ score: number }>(path)).score;
      await server.send('track', { userId: lead.id, event: 'Demo Requested', properties: {} });
      let now = before;
      for (let i = 0; i < 10 && now === before; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        now = (await server.admin<{ score: number }>(path)).score;
      }
      if (now - before >= 10) {
        jumper = lead;
        break;
      }
    }
    expect(jumper).toBeDefined();
    await page.reload();
    await expect
      .poll(() =>
        page.locator(`tr[data-lead-id="${jumper!.id}"]`).getByTestId('lead-changes').textContent(),
      )
      .toMatch(/^score [\d.]+ → [\d.]+$/);
    await screenshot(page, 'my-leads-changes');

    const after = await server.admin<{ stage: string; moves: { by: string | null }[] }>(
      `/v1/leads/${encodeURIComponent(handed!.id)}/lifecycle`,
    );
    expect(after.stage).toBe('sal');
    expect(after.moves[0]?.by).toBe(DEMO.sales);
  });

  it('shows a sales rep what their role cannot do', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/model`);
    await expect
      .poll(() => page.getByTestId('refused').textContent())
      .toMatch(/Your role \(sales\) cannot see the scoring model/);
    const others = await server.admin<{ items: ListedLead[] }>(
      `/v1/leads?owner=${encodeURIComponent(DEMO.otherSales)}&limit=1`,
    );
    await page.goto(`${server.url}/leads/${encodeURIComponent(others.items[0]!.id)}`);
    await expect.poll(() => page.getByTestId('act-refusal').textContent()).toMatch(/owner/);
    await signOut(page);
  });

  it('lets the marketer save and activate a model version', async () => {
    const { page } = browser;
    await signIn(page, server.url, DEMO.marketer);
    await page.getByRole('link', { name: 'Model', exact: true }).click();
    await page.getByLabel('Rule demo points').fill('120');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await page.getByText('Saved as v2').waitFor();
    await page.getByRole('button', { name: 'Activate saved v2' }).click();
    // Activation asks to confirm, showing the version's what-if.
    await page.getByRole('button', { name: 'Confirm activation of v2' }).click();
    await page.getByText('done, every lead is rescored').waitFor({ timeout: 45_000 });
    await signOut(page);
  });

  it('lets the owner invite someone and see the three changes with their actors', async () => {
    const { page } = browser;
    await signIn(page, server.url, DEMO.owner);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByText('People').click();
    await page.waitForURL(/\/settings\/people$/);
    await page.getByLabel('E-mail').fill(INVITED);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = await page.getByTestId('invite-link').textContent();
    expect(link).toMatch(/token=/);
    await expect.poll(() => page.getByTestId('people').textContent()).toContain(INVITED);
    await expect.poll(() => page.getByTestId('people').textContent()).toContain(DEMO.sales);
    await screenshot(page, 'people');

    await page.getByRole('navigation', { name: 'Settings' }).getByText('Audit').click();
    await page.waitForURL(/\/settings\/audit$/);
    const audit = page.getByTestId('audit');
    await audit.waitFor();
    const rows = await audit.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        action: tr.getAttribute('data-action'),
        text: tr.textContent ?? '',
      })),
    );
    const actorOf = (action: string) => rows.find((r) => r.action === action)?.text ?? '';
    expect(actorOf('user.invite')).toContain(DEMO.owner);
    expect(actorOf('user.invite')).toContain(INVITED);
    expect(actorOf('model.activate')).toContain(DEMO.marketer);
    expect(actorOf('lead.feedback')).toContain(DEMO.sales);
    await screenshot(page, 'audit');

    // Filtered by action, only those entries remain.
    await page.getByLabel('Action').fill('model.activate');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=model\.activate/);
    await expect
      .poll(async () => new Set(await page.getByTestId('audit-action').allTextContents()))
      .toEqual(new Set(['model.activate']));

    // The invitation: its link (on this server's address) sets a password and signs in.
    await signOut(page);
    const invite = new URL(link!);
    await page.goto(`${server.url}${invite.pathname}${invite.search}`);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password, again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(/\/leads$/);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(INVITED);
    expect(await nav()).not.toMatch(/Settings|Import/);
    expect(browser.errors).toEqual([]);
  });

  it('switches workspaces for a user of several, and keeps the choice', async () => {
    const { page } = browser;
    const made = await runCli(['workspaces', 'create', 'Second shop', '--db', server.db]);
    expect(made.code, made.stderr).toBe(0);
    const added = await runCli([
      'users',
      'create',
      DEMO.owner,
      '--role',
      'viewer',
      '--workspace',
      'Second shop',
      '--db',
      server.db,
    ]);
    expect(added.code, added.stderr).toBe(0);

    await signOut(page);
    await page.getByLabel('E-mail').fill(DEMO.owner);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const picker = page.getByLabel('Workspace');
    await picker.waitFor();
    await picker.selectOption({ label: 'demo (owner)' });
    await expect.poll(nav).toContain('Settings');
    await page.locator('table.leads-table').waitFor();

    await picker.selectOption({ label: 'Second shop (viewer)' });
    await expect.poll(nav).not.toContain('Settings');
    await page.getByText('No leads match these filters.').waitFor();
    await page.reload();
    await expect
      .poll(async () => (await picker.locator('option:checked').textContent()) ?? '')
      .toBe('Second shop (viewer)');
    await screenshot(page, 'workspace-switch');
    expect(browser.errors).toEqual([]);
  });
});
