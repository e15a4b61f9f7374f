// Audit summaries read as one line on the Audit page.
import { describe, expect, it } from 'vitest';
import { summaryText } from './audit-summary';

describe('summaryText', () => {
  it('lists each field, changes as from → to, missing values as a dash', () => {
    expect(summaryText({ kind: 'write', role: null, name: 'x' })).toBe(
      'kind: write · role: — · name: x',
    );
    expect(summaryText({ role: { from: 'sales', to: 'viewer' }, disabled: true })).toBe(
      'role: sales → viewer · disabled: true',
    );
    expect(summaryText({ traits: { plan: 'pro' } })).toBe('traits: {"plan":"pro"}');
    expect(summaryText({})).toBe('');
  });
});
