// The Audit page's filters, from the address to the API's query.
import { describe, expect, it } from 'vitest';
import { auditFiltersOf, auditQueryOf, instantOf } from './audit-query';

describe('audit filters', () => {
  it('reads the known filters from the address, blank ones left out', () => {
    const query = new URLSearchParams('actor=ann%40example.com&action=&target=lead-1&x=1');
    expect(auditFiltersOf(query)).toEqual({ actor: 'ann@example.com', target: 'lead-1' });
  });

  it('sends the time range as ISO instants', () => {
    const from = '2026-12-01T09:30';
    expect(auditQueryOf({ from, action: 'model.activate' })).toEqual({
      actor: undefined,
      action: 'model.activate',
      target: undefined,
      from: new Date(from).toISOString(),
      to: undefined,
    });
    expect(instantOf('not a date')).toBeUndefined();
  });
});

describe('the audit page query', () => {
  it('keeps the filters when the pager adds its cursor', async () => {
    const { withQuery } = await import('../api/client');
    const path = withQuery('/v1/audit', auditQueryOf({ action: 'model.activate' }));
    expect(withQuery(path, { limit: 50, after: 'c1' })).toBe(
      '/v1/audit?action=model.activate&limit=50&after=c1',
    );
  });
});
