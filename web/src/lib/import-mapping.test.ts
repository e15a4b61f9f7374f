// The column mapper's choices written as the mapping YAML (read back by the server's own parser),
// and the choices it refuses.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseImportMap } from '../../../src/service/import/import-map';
import { planColumns } from '../../../src/service/import/map-columns';
import {
  applyLoaded,
  choiceProblems,
  choicesFor,
  choicesFromYaml,
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

  it('loads a mapping file back as the choices it makes', () => {
    const leads = [
      choice('Lead ID', { to: 'id' }),
      choice('Employees', { to: 'company.size', type: 'number' }),
      choice('Notes', { ignore: true }),
    ];
    const outcomes = [choice('Closed', { type: 'date', to: 'at' })];
    expect(choicesFromYaml(mappingYaml({ leads, outcomes }))).toEqual({
      ok: true,
      choices: { leads, outcomes },
    });
    expect(choicesFromYaml('')).toEqual({ ok: true, choices: {} });
  });

  it('refuses a mapping file the server refuses, saying where', () => {
    const bad = [
      'leads: [',
      'people:\n  columns: { a: b }\n',
      'leads:\n  cols: { a: b }\n',
      'leads:\n  columns:\n    Size: { to: company.size, type: integer }\n',
      'leads:\n  columns:\n    Size: { rename: size }\n',
      'leads:\n  columns:\n    Size: 12\n',
    ];
    const problems = bad.map((text) => {
      expect(() => parseImportMap(text, 'map.yaml')).toThrow();
      const read = choicesFromYaml(text);
      return read.ok ? [] : read.problems;
    });
    expect(problems).toEqual([
      [expect.stringMatching(/^not valid YAML/)],
      ['people: unknown kind (expected leads, companies, events, outcomes)'],
      ['leads: expected "columns" with a rule per column'],
      ['leads.columns.Size: "type": expected one of string, number, boolean, date'],
      ['leads.columns.Size: unknown field "rename" (expected to, type, ignore)'],
      ['leads.columns.Size: expected a name to read it as, or { to, type, ignore }'],
    ]);
  });

  it('applies a loaded mapping to the files read, keeping the rest for later', () => {
    const loaded = {
      leads: [choice('Lead ID', { to: 'id' }), choice('Owner', { to: 'owner' })],
      outcomes: [choice('Closed', { to: 'at', type: 'date' as const })],
    };
    const current = { leads: defaultChoices(['Lead ID', 'email']) };
    expect(applyLoaded(current, loaded, { leads: ['Lead ID', 'email'] })).toEqual({
      choices: {
        leads: [choice('Lead ID', { to: 'id' }), choice('email')],
        outcomes: loaded.outcomes,
      },
      unmatched: ['leads.Owner'],
    });
  });
});
