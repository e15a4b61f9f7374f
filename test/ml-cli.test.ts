// End-to-end tests of `leadscore train` and `leadscore predict` with the built bin.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { logisticLeads, toCsv } from './ml-synthetic.js';
import { runCli, tempFiles } from './run-cli.js';

const leads = logisticLeads(1_200, 77);

describe('leadscore train and predict', () => {
  it('trains on a ;-separated quoted CSV, then scores every row in input order', async () => {
    const dir = await tempFiles({ 'leads.csv': toCsv(leads, ';') });
    const model = join(dir, 'model.json');
    const train = await runCli([
      'train',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--out',
      model,
    ]);
    expect(train.stderr).toContain(`model written to ${model}`);
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('gradient-boosted trees');
    for (const line of [
      'ROC AUC',
      'PR AUC',
      'log loss',
      'Brier score',
      'lift, top 10%',
      'calibration',
    ]) {
      expect(train.stdout).toContain(line);
    }
    expect(train.stdout).toContain('columns not used: id');
    const artifact = JSON.parse(await readFile(model, 'utf8')) as Record<string, unknown>;
    expect(artifact).toMatchObject({ format: 'leadscore-predictive', version: 1 });

    const predict = await runCli(['predict', '--model', model, '--data', join(dir, 'leads.csv')]);
    expect(predict.code).toBe(0);
    const rows = parse(predict.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'probability',
      'band',
      'factors_up',
      'factors_down',
    ]);
    expect(rows.map((r) => r.id)).toEqual(leads.dataset.rows.map((r) => r[0]));
    for (const r of rows) {
      expect(Number(r.probability)).toBeGreaterThan(0);
      expect(Number(r.probability)).toBeLessThan(1);
      expect(['A', 'B', 'C', 'D']).toContain(r.band);
    }
    // Factors read as a person says them, contributions to 2 significant digits.
    expect(rows.some((r) => /^(x1|x2|segment) is \S+ \(\+\d/.test(r.factors_up!))).toBe(true);
    for (const r of rows) {
      for (const [, figure] of `${r.factors_up} ${r.factors_down}`.matchAll(/\(([^()]+)\)/g)) {
        expect(Number(figure)).toBe(Number(Number(figure).toPrecision(2)));
      }
    }

    const out = join(dir, 'scored.csv');
    const toFile = await runCli([
      'predict',
      '--model',
      model,
      '--data',
      join(dir, 'leads.csv'),
      '--out',
      out,
    ]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(await readFile(out, 'utf8')).toBe(predict.stdout);
  });

  it('trains a logistic regression on a ,-separated CSV with --positive and --exclude', async () => {
    const text = toCsv(leads, ',').replace(/"yes"/g, '"closed"').replace(/"no"/g, '"open"');
    const dir = await tempFiles({ 'leads.csv': text });
    const model = join(dir, 'lr.json');
    const result = await runCli([
      'train',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--model',
      'lr',
      '--positive',
      'Closed',
      '--exclude',
      'id,segment',
      '--out',
      model,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'logistic regression (L2, C=1), target "converted" (converted: Closed)',
    );
    expect(result.stdout).toContain('columns not used: id, segment');
  });

  it('keeps a rejected row in place with empty cells, names its line and exits 2', async () => {
    const dir = await tempFiles({ 'leads.csv': toCsv(leads, ';') });
    const model = join(dir, 'model.json');
    await runCli([
      'train',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--out',
      model,
      '--model',
      'lr',
    ]);
    await writeFile(join(dir, 'new.csv'), 'id;x1;x2;segment\nn1;0.5;1;b\nn2;0.1\nn3;;;zzz\n');
    const result = await runCli(['predict', '--model', model, '--data', join(dir, 'new.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'new.csv')}:3: row rejected: expected 4 fields`);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.probability === ''])).toEqual([
      ['n1', false],
      ['', true],
      ['n3', false],
    ]);
    // Missing and unseen values are values of their own.
    expect(`${rows[2]?.factors_up} ${rows[2]?.factors_down}`).toMatch(
      /unknown x2|segment is a value not seen in training/,
    );
  });

  it('reads NA and the like as missing, and warns of odd values and of a numeric id', async () => {
    const unknown = ['NA', 'N/A', 'null', '-', '?', 'None'];
    const lines = leads.dataset.rows.map(([, x1, x2, segment, converted], i) => {
      const employees = i === 5 || i === 6 ? 'unknown' : String(1 + (i % 20));
      const x2Text = i % 10 === 0 ? unknown[i % unknown.length]! : x2!;
      return [String(9_000 + i), x1, x2Text, segment, employees, converted].join(',');
    });
    const dir = await tempFiles({
      'leads.csv': ['id,x1,x2,segment,employees,converted', ...lines].join('\n'),
      'new.csv': [
        'id,x1,x2,segment,employees',
        ...['', 'NA', 'null', '-', '?'].map((x2, i) => `${i + 1},0.5,${x2},b,4`),
      ].join('\n'),
    });
    const model = join(dir, 'model.json');
    const train = await runCli([
      'train',
      '--data',
      join(dir, 'leads.csv'),
      '--target',
      'converted',
      '--model',
      'lr',
      '--out',
      model,
    ]);
    expect(train.code).toBe(0);
    expect(train.stderr).toContain(
      'warning: column "id" looks like an identifier (unique per row): left out\n',
    );
    // Counted over the training rows: the held-out fifth is not looked at.
    expect(train.stderr).toMatch(
      /\nwarning: column "employees" is read as categories, not as numbers, because of 2 values that are not a number: "unknown" \(2 rows\); 9\d\d are numbers\. Leave unknown values blank \(or NA\) to use it as numbers\n/,
    );
    expect(train.stdout).toContain('columns not used: id\n');
    const artifact = JSON.parse(await readFile(model, 'utf8')) as {
      encoding: { columns: { name: string; type: string; missing?: boolean }[] };
    };
    expect(artifact.encoding.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['x1', 'numeric', false],
      ['x2', 'numeric', true],
      ['segment', 'categorical', undefined],
      ['employees', 'categorical', undefined],
    ]);

    // Every spelling of an unknown x2 scores as a blank one: the mean and the missing flag.
    const predict = await runCli(['predict', '--model', model, '--data', join(dir, 'new.csv')]);
    expect(predict.code).toBe(0);
    const rows = parse(predict.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.probability)).size).toBe(1);
    for (const r of rows) expect(`${r.factors_up} ${r.factors_down}`).toContain('unknown x2');
  });

  it('refuses to train on too little data, saying how much more is needed (exit 1)', async () => {
    const few = logisticLeads(100, 3);
    const converted = few.labels.reduce((a, b) => a + b, 0);
    const dir = await tempFiles({ 'few.csv': toCsv(few, ',') });
    const result = await runCli([
      'train',
      '--data',
      join(dir, 'few.csv'),
      '--target',
      'converted',
      '--out',
      join(dir, 'm.json'),
    ]);
    expect(result.code).toBe(1);
    expect(converted).toBeLessThan(40);
    expect(result.stderr).toContain(
      `error: not enough outcomes in "converted" to train: ${converted} converted and ` +
        `${100 - converted} not converted; at least 40 of each are needed, so ` +
        `${40 - converted} more converted leads with known outcomes`,
    );
  });

  it('rejects a broken model artifact naming the field (exit 1)', async () => {
    const dir = await tempFiles({
      'm.json': JSON.stringify({ format: 'leadscore-predictive', version: 7 }),
      'leads.csv': toCsv(leads, ','),
    });
    const result = await runCli([
      'predict',
      '--model',
      join(dir, 'm.json'),
      '--data',
      join(dir, 'leads.csv'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a valid leadscore model artifact');
    expect(result.stderr).toContain('  version: ');
  });
});
