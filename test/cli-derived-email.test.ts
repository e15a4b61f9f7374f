// End to end: `leadscore score` awards a criterion on the derived email.isBusiness and explains it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './run-cli.js';

const MODEL = `
name: derived
fit:
  criteria:
    - { id: business-mail, when: { field: email.isBusiness, eq: true }, points: 10 }
    - { id: throwaway, when: { field: email.isDisposable, eq: true }, points: -20 }
    - { id: acme, when: { field: email.domain, eq: acme-widgets.com }, points: 5 }
engagement:
  rules: []
segments:
  - { id: all, stage: tofu }
`;

const LEADS = [
  'id,email',
  'biz,ann@Acme-Widgets.com',
  'free,bob@gmail.com',
  'temp,carl@mailinator.com',
  'none,',
].join('\n');

describe('derived e-mail fields in `leadscore score`', () => {
  it('award points on email.isBusiness and name the criterion in the explanation', async () => {
    const dir = await tempFiles({ 'model.yaml': MODEL, 'leads.csv': LEADS });
    const result = await runCli([
      'score',
      '--model',
      join(dir, 'model.yaml'),
      '--leads',
      join(dir, 'leads.csv'),
      '--as-of',
      '2026-06-01T00:00:00Z',
      '--format',
      'json',
      '--explain',
    ]);
    expect(result.stderr).not.toContain('rejected:');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      id: string;
      score: number;
      contributions: { kind: string; id: string; points: number }[];
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('biz')?.score).toBe(15);
    expect(byId.get('biz')?.contributions.map((c) => [c.kind, c.id, c.points])).toEqual([
      ['criterion', 'business-mail', 10],
      ['criterion', 'acme', 5],
    ]);
    expect(byId.get('free')?.score).toBe(0);
    expect(byId.get('temp')?.contributions.map((c) => c.id)).toEqual(['throwaway']);
    expect(byId.get('none')?.contributions).toEqual([]);
  });
});
