// The column mapper's choices and the mapping YAML they make (the format of the server's
// src/service/import/import-map.ts): per kind, each column renamed to a trait path, parsed as a
// type, or ignored; a column left as read is not written, and no choice at all is no mapping.
import { parse, stringify } from 'yaml';
import type { ImportKind } from '../api/import-types';
import { KINDS } from './import-files';

export const COLUMN_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnChoice {
  /** As in the file's header. */
  column: string;
  /** The trait path (or reserved column, such as `id`) it is read as. */
  to: string;
  type: ColumnType;
  ignore: boolean;
}

export type MappingChoices = Partial<Record<ImportKind, ColumnChoice[]>>;

/** Each column read as it is named, as text: what the server does without a mapping. */
export function defaultChoices(header: readonly string[]): ColumnChoice[] {
  return header.map((column) => ({ column, to: column, type: 'string', ignore: false }));
}

/** Keeps the choices of columns still in `header`, the rest as read (a file chosen again). */
export function choicesFor(header: readonly string[], previous: readonly ColumnChoice[] = []) {
  const known = new Map(previous.map((choice) => [choice.column, choice]));
  return defaultChoices(header).map((choice) => known.get(choice.column) ?? choice);
}

type Rule = string | { to?: string; type?: ColumnType; ignore?: true };

/** A column's rule in the YAML, or undefined when it is read as it is named, as text. */
function ruleOf(choice: ColumnChoice): Rule | undefined {
  if (choice.ignore) return { ignore: true };
  const to = choice.to.trim();
  const renamed = to !== '' && to !== choice.column;
  if (choice.type === 'string') return renamed ? to : undefined;
  return renamed ? { to, type: choice.type } : { type: choice.type };
}

/** The mapping YAML of the choices; '' when every column is read as it is named. */
export function mappingYaml(choices: MappingChoices): string {
  const map: Partial<Record<ImportKind, { columns: Record<string, Rule> }>> = {};
  for (const kind of KINDS) {
    const columns: Record<string, Rule> = {};
    for (const choice of choices[kind] ?? []) {
      const rule = ruleOf(choice);
      if (rule !== undefined) columns[choice.column] = rule;
    }
    if (Object.keys(columns).length > 0) map[kind] = { columns };
  }
  if (Object.keys(map).length === 0) return '';
  return stringify(map, { lineWidth: 0 });
}

/** A problem of one column's choice, which the server would refuse the mapping for. */
export interface ChoiceProblem {
  column: string;
  message: string;
}

/** Columns that are not ignored and are read under a name another column already takes. */
export function choiceProblems(choices: readonly ColumnChoice[]): ChoiceProblem[] {
  const problems: ChoiceProblem[] = [];
  const taken = new Map<string, string>();
  for (const choice of choices) {
    if (choice.ignore) continue;
    const to = choice.to.trim() || choice.column;
    const other = taken.get(to);
    if (other !== undefined)
      problems.push({
        column: choice.column,
        message: `reads as "${to}", as column "${other}" does: map each name once`,
      });
    else taken.set(to, choice.column);
  }
  return problems;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One column's rule of a mapping file as a choice, or what is wrong with it. */
function choiceOf(column: string, rule: unknown): ColumnChoice | string {
  if (typeof rule === 'string' && rule.trim() !== '')
    return { column, to: rule.trim(), type: 'string', ignore: false };
  if (!isObject(rule)) return 'expected a name to read it as, or { to, type, ignore }';
  const unknown = Object.keys(rule).filter((k) => !['to', 'type', 'ignore'].includes(k));
  if (unknown.length > 0) return `unknown field "${unknown[0]}" (expected to, type, ignore)`;
  const { to = column, type = 'string', ignore = false } = rule;
  if (typeof to !== 'string' || to.trim() === '') return '"to": expected a name';
  if (!COLUMN_TYPES.includes(type as ColumnType))
    return `"type": expected one of ${COLUMN_TYPES.join(', ')}`;
  if (typeof ignore !== 'boolean') return '"ignore": expected true or false';
  return { column, to: to.trim(), type: type as ColumnType, ignore };
}

/**
 * The choices a mapping file holds (the columns it names, per kind), or every problem it has
 * with where (`leads.columns.Email: ...`), so a mapping made before can be loaded again.
 */
export function choicesFromYaml(
  text: string,
): { ok: true; choices: MappingChoices } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    return { ok: false, problems: [`not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (!isObject(value)) return { ok: false, problems: ['expected the kinds of file as keys'] };
  const problems: string[] = [];
  const choices: MappingChoices = {};
  for (const [kind, section] of Object.entries(value)) {
    if (!(KINDS as readonly string[]).includes(kind)) {
      problems.push(`${kind}: unknown kind (expected ${KINDS.join(', ')})`);
      continue;
    }
    const columns = isObject(section) ? section.columns : undefined;
    if (!isObject(section) || !isObject(columns) || Object.keys(section).length !== 1) {
      problems.push(`${kind}: expected "columns" with a rule per column`);
      continue;
    }
    const list: ColumnChoice[] = [];
    for (const [column, rule] of Object.entries(columns)) {
      const choice = choiceOf(column, rule);
      if (typeof choice === 'string') problems.push(`${kind}.columns.${column}: ${choice}`);
      else list.push(choice);
    }
    choices[kind as ImportKind] = list;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, choices };
}

/**
 * Loaded choices applied over the current ones: a kind whose file is read (its header known)
 * takes the loaded choices of its columns; a kind without a file keeps them for when it has one.
 * Answers the loaded columns no chosen file has (`leads.Owner`), which are not applied.
 */
export function applyLoaded(
  current: MappingChoices,
  loaded: MappingChoices,
  headers: Partial<Record<ImportKind, readonly string[]>>,
): { choices: MappingChoices; unmatched: string[] } {
  const choices: MappingChoices = { ...current };
  const unmatched: string[] = [];
  for (const kind of KINDS) {
    const rules = loaded[kind];
    if (!rules) continue;
    const header = headers[kind];
    if (!header) {
      choices[kind] = rules;
      continue;
    }
    choices[kind] = choicesFor(header, rules);
    for (const rule of rules)
      if (!header.includes(rule.column)) unmatched.push(`${kind}.${rule.column}`);
  }
  return { choices, unmatched };
}
