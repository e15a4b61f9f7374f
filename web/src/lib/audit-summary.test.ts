// Audit summaries read as one line on the Audit page.
import { describe, expect, it } from 'vitest';
import { summaryText } from './audit-summary';

describe('summaryText', () => {
  it('lists each field, missing values as a dash', () => {
    expect(summaryText({ kind: 'write', role: null, name: 'x' })).toBe(
      'kind: write · role: — · name: x',
    );
    expect(summaryText({ traits: { plan: 'pro' } })).toBe('traits: {"plan":"pro"}');
    expect(summaryText({})).toBe('');
  });

  it('reads before and after as the change of each field', () => {
    expect(summaryText({ before: { active: 1 }, after: { active: 2 } })).toBe('active: 1 → 2');
    expect(
      summaryText({
        before: { role: 'sales', email: 'a@x.com' },
        after: { role: 'viewer', email: 'a@x.com' },
      }),
    ).toBe('role: sales → viewer · email: a@x.com');
    expect(summaryText({ after: { role: 'viewer' } })).toBe('role: viewer');
    expect(summaryText({ before: { role: 'sales' }, id: 'u1' })).toBe('was role: sales · id: u1');
  });
});
