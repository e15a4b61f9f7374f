// The mapping file of an import (YAML): per kind of file, which column goes to which trait
// path, how its text is parsed (string, number, boolean, date), and which columns are ignored.
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { IMPORT_KINDS } from './import-types.js';

export const COLUMN_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A column's rule: `Column: trait.path` for a rename alone, or the long form. */
export const columnRuleSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { to: value } : value),
  z
    .object({
      /** The column's name after mapping: a trait path (`company.size`) or a reserved column (`id`). */
      to: z.string().min(1, 'expected a column name or trait path').optional(),
      type: z.enum(COLUMN_TYPES).optional(),
      ignore: z.boolean().optional(),
    })
    .strict(),
);
export type ColumnRule = z.infer<typeof columnRuleSchema>;

export const kindMapSchema = z
  .object({ columns: z.record(z.string().min(1), columnRuleSchema) })
  .strict();

export const importMapSchema = z
  .object(Object.fromEntries(IMPORT_KINDS.map((k) => [k, kindMapSchema.optional()])))
  .strict();
export type ImportMap = {
  [K in (typeof IMPORT_KINDS)[number]]?: z.infer<typeof kindMapSchema> | undefined;
};

/** A mapping file that cannot be used: the message names the file, the line and the field. */
export class ImportMapError extends Error {
  readonly code = 'invalid_import_map';
}

export async function loadImportMap(path: string): Promise<ImportMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportMapError(`${path}: cannot read the mapping file (${(error as Error).message})`);
  }
  return parseImportMap(text, path);
}

/** Parses and checks a mapping; throws ImportMapError listing every problem with its line. */
export function parseImportMap(text: string, file: string): ImportMap {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new ImportMapError(
      `${file}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0]}`,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ImportMapError(`${file}: cannot read the YAML: ${(error as Error).message}`);
  }
  const parsed = importMapSchema.safeParse(value);
  if (parsed.success) return checkTargets(parsed.data as ImportMap, file, doc, lineCounter);
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const field = [...path, ...keys.slice(0, 1)].join('.');
    const line = lineOf(doc, lineCounter, keys.length > 0 ? [...path, keys[0]!] : path);
    const text = keys.length > 0 ? unknownFields(keys, path.length) : issue.message;
    return `${file}${line ? `:${line}` : ''}: ${field || '(top level)'}: ${text}`;
  });
  throw new ImportMapError(problems.join('; '));
}

/** What may stand where an unknown field was found: a kind, `columns`, or a rule's fields. */
function unknownFields(keys: readonly string[], depth: number): string {
  const expected =
    depth === 0
      ? IMPORT_KINDS.join(', ')
      : depth === 1
        ? 'columns'
        : `to, type (${COLUMN_TYPES.join('|')}), ignore`;
  return `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')} (expected ${expected})`;
}

/** Two columns mapped to one name would make a row's value depend on column order: refused. */
function checkTargets(
  map: ImportMap,
  file: string,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
): ImportMap {
  const problems: string[] = [];
  for (const kind of IMPORT_KINDS) {
    const seen = new Map<string, string>();
    for (const [column, rule] of Object.entries(map[kind]?.columns ?? {})) {
      if (rule.ignore) continue;
      const to = targetOf(column, rule);
      const other = seen.get(to);
      if (other !== undefined) {
        const line = lineOf(doc, lineCounter, [kind, 'columns', column]);
        problems.push(
          `${file}${line ? `:${line}` : ''}: ${kind}.columns.${column}: maps to "${to}" as "${other}" does; map each name once`,
        );
      }
      seen.set(to, column);
    }
  }
  if (problems.length > 0) throw new ImportMapError(problems.join('; '));
  return map;
}

/** The name a column takes once mapped (its own when the rule does not rename it). */
export function targetOf(column: string, rule: ColumnRule | undefined): string {
  return rule?.to ?? column;
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  path: (string | number)[],
): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
