// End-to-end tests of `leadscore analyze` with the built bin: tables, CSV files, HTML report.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './run-cli.js';

// ;-separated and quoted; 10 leads with an outcome, 3 converted; one blank outcome.
const LEADS = `"id";"source";"visits";"plan";"outcome"
"1";"google";"0";"a";"no"
"2";"google";"1";"a";"won"
"3";"google";"3";"b";"Won"
"4";"google";"0";"b";"no"
"5";"email";"5";"a";"WON"
"6";"email";"2";"a";"no"
"7";"email";"0";"b";"no"
"8";"ads";"1";"b";"no"
"9";"ads";"4";"";"no"
"10";"ads";"0";"a";""
"11";"ads";"0";"a";"no"
`;

const COSTS = 'channel,cost\ngoogle,200\nemail,30\nads,90\n';

describe('leadscore analyze', () => {
  it('prints the tables and writes one CSV per table and an HTML report with charts', async () => {
    const dir = await tempFiles({ 'leads.csv': LEADS, 'costs.csv': COSTS });
    const html = join(dir, 'report.html');
    const out = join(dir, 'tables');
    const result = await runCli([
      'analyze',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'outcome',
      '--exclude',
      'id',
      '--behaviours',
      'visits',
      '--channel',
      'source',
      '--costs',
      join(dir, 'costs.csv'),
      '--csv',
      out,
      '--html',
      html,
    ]);
    expect(result.stderr).toContain(`HTML report written to ${html}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('10 leads, 3 converted: 30.00% (95% CI 10.78-60.32%)');
    expect(result.stdout).toContain('1 row with a blank outcome left out');
    // Value rows sorted by rate, aligned in columns.
    expect(result.stdout).toContain(
      '3. plan (categorical, IV 0.0899)\n' +
        '  value      leads  conversions    rate        95% CI  lift     WoE\n' +
        '  a              5            2  40.00%  11.76-76.93%  1.33   0.300\n' +
        '  b              4            1  25.00%   4.56-69.94%  0.83  -0.211\n' +
        '  (missing)      1            0   0.00%   0.00-79.35%  0.00  -0.463\n',
    );
    expect(result.stdout).toMatch(/visits +>= 3 +3 +66\.67% .* 7 +14\.29% .* 4\.67/);
    expect(result.stdout).toMatch(/google +4 +2 +50\.00% .* 200\.00 +50\.00 +100\.00/);

    expect((await readdir(out)).sort()).toEqual([
      'attribute-values.csv',
      'attributes.csv',
      'behaviours.csv',
      'channels.csv',
      'summary.csv',
    ]);
    // Wilson bounds computed from the closed form, independently of this code.
    expect(await readFile(join(out, 'summary.csv'), 'utf8')).toBe(
      'leads,conversions,rate,ci_low,ci_high,unknown_outcome\n10,3,0.3,0.107791,0.603222,1\n',
    );
    expect(await readFile(join(out, 'channels.csv'), 'utf8')).toBe(
      'channel,leads,conversions,rate,ci_low,ci_high,lift,cost,cost_per_lead,cost_per_conversion\n' +
        'google,4,2,0.5,0.150039,0.849961,1.666667,200,50,100\n' +
        'email,3,1,0.333333,0.061492,0.79234,1.111111,30,10,30\n' +
        'ads,3,0,0,0,0.561497,0,90,30,\n',
    );
    const values = await readFile(join(out, 'attribute-values.csv'), 'utf8');
    expect(values).toContain('plan,a,5,2,0.4,');
    expect(values).toContain('plan,(missing),1,0,0,');
    const attributes = (await readFile(join(out, 'attributes.csv'), 'utf8')).trim().split('\n');
    expect(
      attributes
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['plan', 'source', 'visits']);

    const page = await readFile(html, 'utf8');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    for (const name of ['plan', 'source', 'visits', 'behaviours', 'channels']) {
      expect(page).toContain(
        `<svg xmlns="http://www.w3.org/2000/svg" class="rate-chart" data-chart="${name}"`,
      );
    }
    expect(page.match(/<svg /g)).toHaveLength(5);
    expect(page).toContain('<td>a</td><td>5</td><td>2</td><td>40.00%</td>');
    expect(page).toContain('<td>google</td><td>4</td><td>2</td><td>50.00%</td>');
    expect(page).toContain('<td>100.00</td>');
    expect(page).toContain('30.00%');
  });

  it('names the cost file and line of a bad cost and exits 1', async () => {
    const dir = await tempFiles({ 'leads.csv': LEADS, 'costs.csv': 'google,200\nemail,free\n' });
    const costs = join(dir, 'costs.csv');
    const result = await runCli([
      'analyze',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'outcome',
      '--channel',
      'source',
      '--costs',
      costs,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${costs}:2: cost of "email": expected a number >= 0, got "free"\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('names the file for an unknown target and for a target without converters (exit 1)', async () => {
    const dir = await tempFiles({ 'leads.csv': LEADS });
    const data = join(dir, 'leads.csv');
    const unknown = await runCli(['analyze', '--data', data, '--target', 'y']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`error: ${data}:1: --target "y" is not a column`);
    const none = await runCli([
      'analyze',
      '--data',
      data,
      '--target',
      'outcome',
      '--positive',
      'yes',
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`error: ${data}: no converted leads in column "outcome"`);
  });

  it('reports a malformed row by file and line, analyses the rest and exits 2', async () => {
    const dir = await tempFiles({ 'leads.csv': `${LEADS}"12";"ads"\n` });
    const data = join(dir, 'leads.csv');
    const result = await runCli(['analyze', '--data', data, '--target', 'outcome']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${data}:13: row rejected: expected 5 fields as in the header, got 2`,
    );
    expect(result.stderr).toContain(`1 row rejected (${data})`);
    expect(result.stdout).toContain('10 leads, 3 converted: 30.00%');
  });
});
