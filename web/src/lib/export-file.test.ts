// The export button's address and saved file name.
import { describe, expect, it } from 'vitest';
import { exportPath, fileNameOf } from './export-file';

describe('exportPath', () => {
  it('carries the filters, not the page, and the format', () => {
    expect(
      exportPath(
        '/v1/leads/export',
        { segment: 'hot', search: 'a&b c', minScore: '', grade: undefined, cursor: 'x' },
        'ndjson',
      ),
    ).toBe('/v1/leads/export?segment=hot&search=a%26b+c&format=ndjson');
    expect(exportPath('/v1/leads/export', {}, 'csv')).toBe('/v1/leads/export?format=csv');
  });
});

describe('fileNameOf', () => {
  it('reads the quoted, plain and extended names', () => {
    expect(fileNameOf('attachment; filename="leads-1.csv"', 'x')).toBe('leads-1.csv');
    expect(fileNameOf('attachment; filename=leads-2.ndjson', 'x')).toBe('leads-2.ndjson');
    expect(fileNameOf("attachment; filename*=UTF-8''l%C3%A9ads.csv", 'x')).toBe('léads.csv');
  });

  it('falls back without a usable name, and drops folders', () => {
    expect(fileNameOf(null, 'leads.csv')).toBe('leads.csv');
    expect(fileNameOf('attachment', 'leads.csv')).toBe('leads.csv');
    expect(fileNameOf('attachment; filename="../../etc/x.csv"', 'f')).toBe('x.csv');
    expect(fileNameOf('attachment; filename=".."', 'f')).toBe('f');
  });
});
