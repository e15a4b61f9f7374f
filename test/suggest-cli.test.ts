// End-to-end tests of `leadscore suggest` with the built bin: the model file, the report and the
// comparison with the current model on the held-out leads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { runCli, tempFiles } from './run-cli.js';
import { behaviourCsv, signalCsv } from './suggest-synthetic.js';

// A current model that knows half the signal: the tier only.
const CURRENT = `name: current
fit:
  criteria:
    - { id: gold, when: { field: tier, eq: gold }, points: 10 }
segments:
  - { id: all, stage: tofu }
`;

// A rule of the current model on a behaviour column's event.
const DEMO_RULE = '    - { id: demo, event: demo requested, points: 5 }\n';

describe('leadscore suggest', () => {
  it('writes a valid, reproducible model and compares it with the current one', async () => {
    const dir = await tempFiles({ 'leads.csv': signalCsv(3000, 11), 'current.yaml': CURRENT });
    const data = join(dir, 'leads.csv');
    const args = (out: string) => [
      'suggest',
      '--data',
      data,
      '--target',
      'converted',
      '--exclude',
      'id',
      '--model',
      join(dir, 'current.yaml'),
      '--out',
      join(dir, out),
    ];
    const [first, second] = await Promise.all([runCli(args('a.yaml')), runCli(args('b.yaml'))]);
    expect(first.stderr).toBe(`Suggested model written to ${join(dir, 'a.yaml')}\n`);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const text = await readFile(join(dir, 'a.yaml'), 'utf8');
    expect(await readFile(join(dir, 'b.yaml'), 'utf8')).toBe(text);

    expect(text).toMatch(/^# Suggested by `leadscore suggest`/);
    expect(text).toContain(`#   data: ${data}; target: converted`);
    expect(text).toContain('20 points double the odds');
    const model = parseModel(text, 'a.yaml');
    expect(new Set(model.fit.criteria.map((c) => c.category))).toEqual(new Set(['x1', 'tier']));
    expect(model.fit.grades!.at(-1)).toEqual({ grade: 'E' });

    expect(first.stdout).toMatch(/Attributes with IV >= 0\.02:\n.*\n {2}x1 +numeric/);
    expect(first.stdout).toMatch(/Left out \(IV < 0\.02\): .*noise/);
    expect(first.stdout).toContain('tier-gold');
    const suggested = /suggested +(\d\.\d{4}) +(\d+\.\d\d)/.exec(first.stdout);
    const current = /current \(.*current\.yaml\) +(\d\.\d{4}) +(\d+\.\d\d)/.exec(first.stdout);
    expect(suggested).not.toBeNull();
    expect(current).not.toBeNull();
    expect(Number(suggested![1])).toBeGreaterThan(0.75);
    expect(Number(current![1])).toBeGreaterThan(0.5);
    expect(Number(suggested![1])).toBeGreaterThan(Number(current![1]));

    const validate = await runCli(['validate', '--strict', join(dir, 'a.yaml')]);
    expect(validate.code).toBe(0);

    const lr = await runCli([...args('lr.yaml'), '--method', 'lr', '--pdo', '40']);
    expect(lr.code).toBe(0);
    expect(lr.stdout).toMatch(/x1 +numeric +\d\.\d{4} +\d\.\d{3}/);
    const lrText = await readFile(join(dir, 'lr.yaml'), 'utf8');
    expect(lrText).toContain('points = round(weight x WoE x 40 / ln 2)');
    expect(parseModel(lrText, 'lr.yaml').fit.criteria.length).toBeGreaterThan(3);
  });

  it('turns --behaviours count columns into engagement rules ranked on the held-out leads', async () => {
    const dir = await tempFiles({
      'leads.csv': behaviourCsv(3000, 13),
      'current.yaml': CURRENT.replace('segments:', `engagement:\n  rules:\n${DEMO_RULE}segments:`),
    });
    const out = join(dir, 's.yaml');
    const run = await runCli([
      'suggest',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--exclude',
      'id',
      '--behaviours',
      'did: Demo Requested, Unsubscribed,page_views',
      '--model',
      join(dir, 'current.yaml'),
      '--out',
      out,
    ]);
    expect(run.stderr).toBe(`Suggested model written to ${out}\n`);
    expect(run.code).toBe(0);
    const text = await readFile(out, 'utf8');
    const model = parseModel(text, 's.yaml');
    const rules = Object.fromEntries(model.engagement.rules.map((r) => [r.event, r]));
    expect(Object.keys(rules).sort()).toEqual(['Demo Requested', 'Unsubscribed']);
    expect(rules['Demo Requested']!).toMatchObject({
      id: 'did-Demo_Requested',
      category: 'engagement',
    });
    expect(rules['Demo Requested']!.points).toBeGreaterThan(0);
    expect(rules.Unsubscribed!.points).toBeLessThan(0);
    expect(rules.Unsubscribed!.cap).toEqual({ points: -rules.Unsubscribed!.points });
    expect(model.fit.criteria.map((c) => c.category)).not.toContain('page_views');
    expect(text).toContain('add halfLifeDays');
    expect(run.stdout).toMatch(/did-Demo_Requested +Demo Requested +\d\.\d{4}/);
    expect(run.stdout).toMatch(/Behaviours left out \(IV < 0\.02 or 0 points\): page_views/);
    expect(run.stdout).toContain('ranked by fit + behaviour points');
    const auc = /suggested +(\d\.\d{4}) +(\d+\.\d\d)/.exec(run.stdout);
    const current = /current \(.*current\.yaml\) +(\d\.\d{4})/.exec(run.stdout);
    expect(Number(auc![1])).toBeGreaterThan(0.8);
    // The current model's demo rule scores the same counts.
    expect(Number(current![1])).toBeGreaterThan(0.6);
    expect(Number(current![1])).toBeLessThan(Number(auc![1]));

    const validate = await runCli(['validate', '--strict', out]);
    expect(validate.code).toBe(0);

    const bad = await runCli([
      'suggest',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--behaviours',
      'tier',
      '--out',
      join(dir, 'bad.yaml'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^error: .*leads\.csv:\d+: tier: expected a count \(a number >= 0\), got "\w+"\n$/,
    );
  });

  it('names the problem and writes nothing for a bad current model or option (exit 1)', async () => {
    const dir = await tempFiles({
      'leads.csv': signalCsv(300, 3),
      'bad.yaml': 'name: x\nsegments: []\n',
    });
    const base = ['suggest', '--data', join(dir, 'leads.csv'), '--target', 'converted'];
    const bad = await runCli([
      ...base,
      '--model',
      join(dir, 'bad.yaml'),
      '--out',
      join(dir, 'o.yaml'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`error: ${join(dir, 'bad.yaml')}: 1 problem(s) in the model`);
    const pdo = await runCli([...base, '--pdo', 'x', '--out', join(dir, 'o.yaml')]);
    expect(pdo.code).toBe(1);
    expect(pdo.stderr).toBe('error: --pdo: expected a number, got "x"\n');
    await expect(readFile(join(dir, 'o.yaml'), 'utf8')).rejects.toThrow();
  });
});
