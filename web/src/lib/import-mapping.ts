// The column mapper's choices and the mapping YAML they make (the format of the server's
// src/service/import/import-map.ts): per kind, each column renamed to a trait path, parsed as a
// type, or ignored; a column left as read is not written, and no choice at all is no mapping.
import { stringify } from 'yaml';
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
