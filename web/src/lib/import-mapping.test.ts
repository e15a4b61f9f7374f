// The column mapper's choices written as the mapping YAML (read back by the server's own parser),
// and the choices it refuses.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseImportMap } from '../../../src/service/import/import-map';
import { planColumns } from '../../../src/service/import/map-columns';
import {
  choiceProblems,
  choicesFor,
  defaultChoices,
  mappingYaml,
  type ColumnChoice,
} from './import-mapping';

const choice = (column: string, patch: Partial<ColumnChoice> = {}): ColumnChoice => ({
  column,
  to: column,
  type: 'string',
  ignore: false,
  ...patch,
});

describe('import mapping', () => {
  it('writes nothing when every column is read as named', () => {
    expect(mappingYaml({ leads: defaultChoices(['id', 'email']) })).toBe('');
    expect(mappingYaml({})).toBe('');
  });

  it('writes renames, types and ignored columns per kind, in page order', () => {
    const yaml = mappingYaml({
      outcomes: [choice('Closed', { to: 'at', type: 'date' })],
      leads: [
        choice('Lead ID', { to: 'id' }),
        choice('Employees', { to: 'company.size', type: 'number' }),
        choice('score', { type: 'number' }),
        choice('Notes: internal', { ignore: true, to: 'notes' }),
        choice('email', { to: '  ' }),
      ],
    });
    expect(Object.keys(parse(yaml) as object)).toEqual(['leads', 'outcomes']);
    expect(parse(yaml)).toEqual({
      leads: {
        columns: {
          'Lead ID': 'id',
          Employees: { to: 'company.size', type: 'number' },
          score: { type: 'number' },
          'Notes: internal': { ignore: true },
        },
      },
      outcomes: { columns: { Closed: { to: 'at', type: 'date' } } },
    });
  });

  it('keeps the choices of columns a new file still has', () => {
    const before = [choice('id'), choice('Employees', { to: 'company.size', type: 'number' })];
    expect(choicesFor(['Employees', 'email'], before)).toEqual([before[1], choice('email')]);
  });

  it('refuses two columns read under one name, unless one is ignored', () => {
    expect(
      choiceProblems([
        choice('id'),
        choice('Lead ID', { to: 'id' }),
        choice('x', { to: 'id', ignore: true }),
      ]),
    ).toEqual([
      { column: 'Lead ID', message: 'reads as "id", as column "id" does: map each name once' },
    ]);
    expect(choiceProblems([choice('id'), choice('email', { to: ' ' })])).toEqual([]);
  });

  it('writes a mapping the server reads as the choices say', () => {
    const header = ['Lead ID', 'Employees', 'Signed up', 'Notes: internal', 'email'];
    const leads = [
      choice('Lead ID', { to: 'id' }),
      choice('Employees', { to: 'company.size', type: 'number' }),
      choice('Signed up', { type: 'date' }),
      choice('Notes: internal', { ignore: true }),
      choice('email'),
    ];
    const map = parseImportMap(mappingYaml({ leads }), 'map.yaml');
    expect(planColumns('leads', header, map)).toEqual([
      { column: 'Lead ID', to: 'id', type: 'string' },
      { column: 'Employees', to: 'company.size', type: 'number' },
      { column: 'Signed up', to: 'Signed up', type: 'date' },
      { column: 'Notes: internal', to: null, type: 'string' },
      { column: 'email', to: 'email', type: 'string' },
    ]);
  });
});
