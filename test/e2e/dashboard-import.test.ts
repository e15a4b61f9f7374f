// The Import page in a real browser against `leadscore serve --demo`: a leads CSV whose columns
// need a mapping and with one bad row is mapped with a preview, dry-run (nothing written), then
// imported: the counts per kind, the rejected row with its line, and the rejects download.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

const LEADS_CSV = [
  'Lead ID,email,Employees,Notes',
  'imp-1,ana@acme.io,12,called twice',
  'imp-2,bo@globex.io,250,',
  'imp-3,cy@initech.io,lots,wrong size',
  'imp-4,di@umbrella.io,40,"quoted, with a comma"',
].join('\n');

/** Segment calls of the leads above, as a marketing tool exports them. */
const EVENTS_NDJSON = [
  { type: 'track', userId: 'imp-1', event: 'Demo Requested', timestamp: '2026-11-02T10:00:00Z' },
  { type: 'page', userId: 'imp-2', name: 'Pricing', timestamp: '2026-11-03T09:30:00Z' },
]
  .map((call, i) => JSON.stringify({ ...call, messageId: `imp-event-${i}` }))
  .join('\n');

describe.skipIf(!HAVE_CHROMIUM)('dashboard: import', { timeout: 90_000 }, () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), openBrowser()]);
    await signIn(browser.page, server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = async (path: string) =>
    server.admin(path).then(
      () => 200,
      (error: Error) => Number(/: (\d{3}) /.exec(error.message)?.[1]),
    );

  it('maps the columns with a preview of the rows as they will be read', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByLabel('Leads file').setInputFiles({
      name: 'crm-leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(LEADS_CSV),
    });
    // Without a mapping the file has no id column: the preview says so, and what is near.
    const kind = page.getByTestId('import-kind-leads');
    await expect.poll(() => kind.getByRole('alert').textContent()).toMatch(/"id".*Lead ID/);
    // The import refuses it as a whole, and the page shows the API's message.
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect
      .poll(() => page.getByTestId('import-run').getByRole('alert').textContent())
      .toMatch(
        /Dry run failed: crm-leads\.csv:1: missing column "id" \(did you mean "Lead ID"\?\)/,
      );

    await page.getByLabel('Lead ID: read as').fill('id');
    await page.getByLabel('Employees: read as').fill('company.size');
    await page.getByLabel('Employees: type').selectOption('number');
    await page.getByLabel('Ignore Notes').check();

    const preview = page.getByTestId('import-preview-leads');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(4);
    expect(await preview.locator('thead th').allTextContents()).toEqual([
      'Line',
      'id',
      'email',
      'company.size',
      'Problem',
    ]);
    const bad = preview.locator('tbody tr.rejected');
    expect(await bad.count()).toBe(1);
    expect(await bad.textContent()).toMatch(/^4.*Employees.*expected a number, got "lots"/);
    expect(await preview.locator('tbody tr').first().textContent()).toBe('2imp-1ana@acme.io12');

    const yaml = await page.getByTestId('import-map-yaml').textContent();
    expect(yaml).toContain('Lead ID: id');
    expect(yaml).toMatch(/Employees:\s+to: company\.size\s+type: number/);
    expect(yaml).toMatch(/Notes:\s+ignore: true/);
    await screenshot(page, 'import-mapping');

    // A mapping file made before loads back; its problems and unused columns are said.
    const load = (text: string) =>
      page.getByLabel('Load a mapping file').setInputFiles({
        name: 'map.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(text),
      });
    await load('leads:\n  columns:\n    Employees: { type: integer }\n');
    await expect
      .poll(() => page.getByTestId('import-map-note').textContent())
      .toBe(
        'map.yaml: leads.columns.Employees: "type": expected one of string, number, boolean, date',
      );
    await load(`${yaml}    Owner: owner\n`);
    await expect
      .poll(() => page.getByTestId('import-map-note').textContent())
      .toMatch(/Loaded map\.yaml; not applied.*: leads\.Owner\.$/);
    expect(await page.getByTestId('import-map-yaml').textContent()).toBe(yaml);
  });

  it('dry-runs without writing, then imports with progress, counts and the rejects', async () => {
    const { page } = browser;
    await page.getByLabel('Events file').setInputFiles({
      name: 'events.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(EVENTS_NDJSON),
    });
    const events = page.getByTestId('import-preview-events');
    await expect.poll(() => events.locator('tbody tr').count()).toBe(2);
    expect(await events.textContent()).toMatch(/Demo Requested.*Pricing/);

    await page.getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getByRole('status').first().textContent()).toMatch(
      /Dry run: nothing was written\. 1 row was rejected/,
    );
    const countsOf = (kind: string) =>
      page.locator(`[data-testid="import-counts"] tr[data-kind="${kind}"] td`).allTextContents();
    expect(await countsOf('leads')).toEqual(['4', '3', '0', '0', '1']);
    expect(await countsOf('events')).toEqual(['2', '2', '0', '0', '0']);
    expect(await countsOf('total')).toEqual(['6', '5', '0', '0', '1']);
    expect(await page.getByTestId('rescored').textContent()).toBe('3');
    expect(await page.getByTestId('import-rejects').textContent()).toMatch(
      /crm-leads\.csv:4.*expected a number/,
    );
    expect(await status('/v1/leads/imp-1')).toBe(404);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Import progress' }).or(result).first().waitFor();
    await expect
      .poll(async () => (await result.isVisible()) && (await result.textContent()), {
        timeout: 30_000,
      })
      .toMatch(/^Imported\. 1 row was rejected\./);
    expect(await countsOf('leads')).toEqual(['4', '3', '0', '0', '1']);
    expect(await countsOf('events')).toEqual(['2', '2', '0', '0', '0']);
    expect(await page.getByTestId('rescored').textContent()).toBe('3');
    await screenshot(page, 'import-done');
    // The import is in the address: a reload still shows what it did.
    expect(page.url()).toMatch(/\/import\?job=/);
    await page.reload();
    await result.waitFor();
    expect(await countsOf('leads')).toEqual(['4', '3', '0', '0', '1']);

    const lead = await server.admin<{ traits: { email?: string; company?: { size?: unknown } } }>(
      '/v1/leads/imp-1',
    );
    expect(lead.traits.email).toBe('ana@acme.io');
    expect(lead.traits.company?.size).toBe(12);
    expect(await status('/v1/leads/imp-3')).toBe(404);
    const history = await server.admin<{ items: { messageId: string; name: string | null }[] }>(
      '/v1/leads/imp-1/events',
    );
    expect(history.items).toContainEqual(
      expect.objectContaining({ messageId: 'imp-event-0', name: 'Demo Requested' }),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download rejects \(1 row, CSV\)/ }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toMatch(/crm-leads\.csv/);
    expect(text).toMatch(/\b4\b/);
    expect(text).toMatch(/expected a number, got ""?lots""?/);
    expect(browser.errors).toEqual([]);
  });
});
