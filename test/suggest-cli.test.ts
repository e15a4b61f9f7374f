// End-to-end tests of `leadscore suggest` with the built bin: the model file, the report and the
// comparison with the current model on the held-out leads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { runCli, tempFiles } from './run-cli.js';
import { signalCsv } from './suggest-synthetic.js';

// A current model that knows half the signal: the tier only.
const CURRENT = `name: current
fit:
  criteria:
    - { id: gold, when: { field: tier, eq: gold }, points: 10 }
segments:
  - { id: all, stage: tofu }
`;

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
