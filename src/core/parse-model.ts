// Parses model text (YAML or JSON) and validates it, reporting every problem with path and line.
import { LineCounter, parseDocument, isNode, type YAMLError } from 'yaml';
import { modelSchema, type Model } from './model-schema.js';
import {
  ModelError,
  ModelSyntaxError,
  problemsFromIssues,
  type ModelProblem,
} from './model-errors.js';

export type ModelFormat = 'yaml' | 'json';

/** Format from a file name: `.json` is JSON, `.yaml`/`.yml` YAML; anything else is refused. */
export function modelFormatOf(fileName: string): ModelFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/**
 * Parses and validates a model. Throws a ModelError listing every problem (not only the first);
 * `source` names the file in messages. YAML is a superset of JSON, so one parser serves both
 * and gives line numbers for either.
 */
export function parseModel(text: string, source = 'model', inspect?: ModelInspector): Model {
  return parseModelWithLines(text, source, inspect).model;
}

/**
 * A check of the parsed value before the schema sees it, e.g. that a store can hold it (the API
 * refuses NUL characters and deep nesting this way); its problem is thrown as a ModelError.
 */
export type ModelInspector = (value: unknown) => ModelProblem | null;

export interface ModelWithLines {
  model: Model;
  /** The 1-based line of a path such as `engagement.rules[3].points` in the text, if present. */
  lineOf(path: string): number | undefined;
}

/** Like parseModel, and also maps paths to lines (e.g. to place warnings). */
export function parseModelWithLines(
  text: string,
  source = 'model',
  inspect?: ModelInspector,
): ModelWithLines {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw syntaxError(source, doc.errors);
  const lineOfParts = (path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    if (!isNode(node) || !node.range) return undefined;
    return lineCounter.linePos(node.range[0]).line;
  };
  // A missing key (or an unknown one whose name holds a dot) has no node: a problem there gets
  // the line of the nearest enclosing node, the mapping it is missing from.
  const nearestLine = (path: (string | number)[]) => {
    for (let length = path.length; length > 0; length--) {
      const line = lineOfParts(path.slice(0, length));
      if (line !== undefined) return line;
    }
    return undefined;
  };
  let value: unknown;
  try {
    // A model needs no aliases to speak of; a low count also stops alias bombs.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ModelError(source, [
      { path: '', message: `cannot read the YAML: ${(error as Error).message}` },
    ]);
  }
  const problem = inspect?.(value);
  if (problem) {
    const line = nearestLine(pathParts(problem.path));
    throw new ModelError(source, [line === undefined ? problem : { ...problem, line }]);
  }
  const model = validateModel(value, source, nearestLine);
  return { model, lineOf: (path) => lineOfParts(pathParts(path)) };
}

/** The first YAML error by position, with its line and column. */
function syntaxError(source: string, errors: readonly YAMLError[]): ModelError {
  const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
  const text = readableMessage(first.message);
  // The parser's messages are sentences ("Nested mappings are ..."); ours start in lower case.
  const message = /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
  const at = first.linePos?.[0];
  return at
    ? new ModelSyntaxError(source, { path: '', message, line: at.line, column: at.col })
    : new ModelError(source, [{ path: '', message }]);
}

/** Validates an already-parsed value (e.g. a JSON request body) as a model. */
export function validateModel(
  value: unknown,
  source = 'model',
  lineOf?: (path: (string | number)[]) => number | undefined,
): Model {
  const result = modelSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems: ModelProblem[] = problemsFromIssues(result.error.issues).map((problem) => {
    const line = lineOf?.(pathParts(problem.path));
    return line === undefined ? problem : { ...problem, line };
  });
  throw new ModelError(source, problems);
}

/**
 * The parser's first line, without the position the problem carries anyway. The parser reports
 * running out of stack on a deeply nested document as its own error: say what that means.
 */
function readableMessage(message: string): string {
  if (message.includes('Maximum call stack size exceeded')) return 'nested too deeply to read';
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}
