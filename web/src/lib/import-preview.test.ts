// The preview table's names and cells.
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../api/import-types';
import { cellText, previewNames } from './import-preview';

const preview = (patch: Partial<ImportPreview>): ImportPreview => ({
  kind: 'leads',
  file: 'leads.csv',
  format: 'csv',
  columns: [],
  rows: [],
  ...patch,
});

describe('import preview', () => {
  it('shows the mapped names in file order, without ignored columns', () => {
    expect(
      previewNames(
        preview({
          columns: [
            { column: 'Lead ID', to: 'id', type: 'string' },
            { column: 'Notes', to: null, type: 'string' },
            { column: 'Employees', to: 'company.size', type: 'number' },
          ],
          rows: [{ line: 2, values: { id: 'a', 'company.size': 5 }, reject: null }],
        }),
      ),
    ).toEqual(['id', 'company.size']);
  });

  it('takes the names of an NDJSON file from its rows', () => {
    expect(
      previewNames(
        preview({
          kind: 'events',
          format: 'ndjson',
          rows: [
            { line: 1, values: { type: 'track', userId: 'a' }, reject: null },
            { line: 2, values: null, reject: 'not JSON' },
            { line: 3, values: { type: 'page', name: 'Pricing' }, reject: null },
          ],
        }),
      ),
    ).toEqual(['type', 'userId', 'name']);
  });

  it('writes values as read, objects as JSON cut short', () => {
    expect(cellText('Acme')).toBe('Acme');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(false)).toBe('false');
    expect(cellText(undefined)).toBe('');
    expect(cellText({ plan: 'pro' })).toBe('{"plan":"pro"}');
    const long = cellText({ text: 'x'.repeat(200) });
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});
