import { describe, expect, it } from 'vitest';
import { ImportMapError, parseImportMap } from './import-map.js';
import { mapRecord, nestPaths, planColumns } from './map-columns.js';

describe('the import mapping file', () => {
  it('reads renames, types and ignored columns per kind', () => {
    const map = parseImportMap(
      [
        'leads:',
        '  columns:',
        '    Lead ID: id',
        '    Employees: { to: company.size, type: number }',
        '    Opted in: { type: boolean }',
        '    Signed up: { to: signup, type: date }',
        '    Notes: { ignore: true }',
      ].join('\n'),
      'map.yaml',
    );
    const plan = planColumns(
      'leads',
      ['Lead ID', 'Employees', 'Opted in', 'Signed up', 'Notes', 'title'],
      map,
    );
    expect(plan.map((p) => [p.column, p.to, p.type])).toEqual([
      ['Lead ID', 'id', 'string'],
      ['Employees', 'company.size', 'number'],
      ['Opted in', 'Opted in', 'boolean'],
      ['Signed up', 'signup', 'date'],
      ['Notes', null, 'string'],
      ['title', 'title', 'string'],
    ]);
    const row = mapRecord(plan, {
      id: 'L1',
      'company.size': ' 120 ',
      'Opted in': 'yes',
      signup: '2026-03-04T10:00:00+02:00',
      title: '',
    });
    expect(row).toEqual({
      ok: true,
      values: {
        id: 'L1',
        'company.size': 120,
        'Opted in': true,
        signup: '2026-03-04T08:00:00.000Z',
      },
    });
    expect(nestPaths({ id: 'L1', 'company.size': 120, 'company.name': 'Acme' })).toEqual({
      id: 'L1',
      company: { size: 120, name: 'Acme' },
    });
  });

  it('refuses a value its column type cannot read, naming the column', () => {
    const map = parseImportMap('leads:\n  columns:\n    n: { type: number }\n', 'map.yaml');
    const plan = planColumns('leads', ['id', 'n'], map);
    expect(mapRecord(plan, { id: 'L1', n: '12abc' })).toEqual({
      ok: false,
      reason: 'column "n": expected a number, got "12abc"',
    });
  });

  it('names the file, the line and the field of every mistake', () => {
    const text = [
      'leads:',
      '  columns:',
      '    a: { type: integer }',
      '    b: { too: c }',
      '  colums: {}',
      'deals: {}',
    ].join('\n');
    expect(() => parseImportMap(text, 'map.yaml')).toThrow(ImportMapError);
    const message = (() => {
      try {
        parseImportMap(text, 'map.yaml');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('map.yaml:3: leads.columns.a.type: ');
    expect(message).toContain('map.yaml:4: leads.columns.b.too: unknown field "too"');
    expect(message).toContain(
      'map.yaml:5: leads.colums: unknown field "colums" (expected columns)',
    );
    expect(message).toContain('map.yaml:6: deals: unknown field "deals"');
  });

  it('refuses two columns mapped to one name, and YAML that does not parse', () => {
    expect(() =>
      parseImportMap('leads:\n  columns:\n    a: email\n    b: email\n', 'map.yaml'),
    ).toThrow('map.yaml:4: leads.columns.b: maps to "email" as "a" does');
    expect(() => parseImportMap('leads: [\n', 'map.yaml')).toThrow(
      /^map\.yaml:\d+: not valid YAML/,
    );
  });
});
