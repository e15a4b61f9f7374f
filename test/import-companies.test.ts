// `leadscore import` of companies on both stores: a lead linked by company_id reads its
// company's traits, and a company whose traits change has its leads scored again.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importResultSchema } from '../src/service/import/import-types.js';
import { importTargets } from './import-databases.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

const MODEL = {
  name: 'firmographic',
  fit: { criteria: [{ id: 'big', when: { field: 'company.size', gte: 100 }, points: 20 }] },
  engagement: { rules: [{ id: 'demo', event: 'Demo Requested', points: 30 }] },
  segments: [
    { id: 'fit', min: 20, stage: 'mofu' },
    { id: 'other', stage: 'tofu' },
  ],
};

describe.each(importTargets())('leadscore import of companies on $name', (target) => {
  it('scores leads with their company’s traits, and again when those change', async () => {
    const dir = await tempFiles({
      'companies.csv': 'id,size,name\nC1,50,Acme\nC2,500,Globex\n',
      'leads.csv': 'id,title,company_id\nL1,CEO,C1\nL2,CTO,C2\nL3,Dev,\n',
    });
    const db = await target.create(MODEL, Date.now());
    const importFiles = async (...args: string[]) => {
      const run = await runCli(['import', ...db.args, ...args, '--json'], ROOT, db.env);
      expect(run.code, run.stderr).toBe(0);
      return importResultSchema.parse(JSON.parse(run.stdout));
    };
    const first = await importFiles(
      '--companies',
      join(dir, 'companies.csv'),
      '--leads',
      join(dir, 'leads.csv'),
    );
    expect(first.counts.companies).toMatchObject({ created: 2 });
    expect(first.rescored).toBe(3);
    const fits = async () => {
      const store = db.open();
      try {
        const scores = await store.getScores(db.ws, ['L1', 'L2', 'L3']);
        return ['L1', 'L2', 'L3'].map((id) => scores.get(id)?.fit);
      } finally {
        await store.close();
      }
    };
    expect(await fits()).toEqual([0, 20, 0]);

    await writeFile(join(dir, 'companies.csv'), 'id,size,name\nC1,150,Acme\nC2,500,Globex\n');
    const second = await importFiles('--companies', join(dir, 'companies.csv'));
    expect(second.counts.companies).toMatchObject({ read: 2, updated: 1, duplicates: 1 });
    expect(second.rescored).toBe(1);
    expect(await fits()).toEqual([20, 20, 0]);
  });
});
