// Turns schema issues into messages that name the path and the problem, e.g.
// `engagement.rules[3].points: expected a number, got "five"`.
import type { z } from 'zod';
import { isRecord } from './fields.js';

export interface ModelProblem {
  /** Dotted path with indexes, e.g. `engagement.rules[3].points`; empty for the whole model. */
  path: string;
  message: string;
  /** 1-based line in the model file, when the file's text is known. */
  line?: number;
  /** 1-based column, for a syntax error. */
  column?: number;
}

export class ModelError extends Error {
  readonly code = 'invalid_model';
  constructor(
    readonly source: string,
    readonly problems: ModelProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem(s) in the model\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'ModelError';
  }
}

/**
 * A model text that cannot be parsed as YAML (or JSON) at all: only its first problem, since
 * the parser's later ones mostly follow from it, as `file:line:column: problem`.
 */
export class ModelSyntaxError extends ModelError {
  constructor(source: string, problem: ModelProblem & { line: number; column: number }) {
    super(source, [problem]);
    this.message = `${source}:${problem.line}:${problem.column}: ${problem.message}`;
    this.name = 'ModelSyntaxError';
  }
}

export function formatProblem(problem: ModelProblem): string {
  const where = problem.path === '' ? '(model)' : problem.path;
  const line = problem.line === undefined ? '' : ` (line ${problem.line})`;
  return `${where}${line}: ${problem.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  tuple: 'a list',
};

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Flattens zod issues (choosing the closest branch of a union) into problems. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const issue of issues) collect(issue, [], problems);
  return problems;
}

function collect(issue: z.core.$ZodIssue, prefix: PropertyKey[], out: ModelProblem[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = closestBranch(issue.errors);
    if (branch) {
      for (const inner of branch) collect(inner, path, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      out.push({ path: formatPath([...path, key]), message: `unknown key "${key}"` });
    }
    return;
  }
  out.push({ path: formatPath(path), message: messageOf(issue) });
}

/** The union branch the input most likely meant: fewest issues, no wrong-shape issue at its root. */
function closestBranch(branches: z.core.$ZodIssue[][]): z.core.$ZodIssue[] | undefined {
  const shaped = branches.filter(
    (issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
  );
  if (shaped.length === 0) return undefined;
  const score = (issues: z.core.$ZodIssue[]) =>
    issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
  return shaped.reduce((best, b) => (score(b) < score(best) ? b : best));
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `required: expected ${expected}`;
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_union':
      // A tagged union (segment actions) whose tag names no branch.
      if ('discriminator' in issue) {
        const { options, discriminator } = issue as { options?: unknown; discriminator?: unknown };
        const listed = Array.isArray(options) ? options.map((o) => JSON.stringify(o)) : [];
        const tag = isRecord(issue.input) ? issue.input[String(discriminator)] : undefined;
        return `expected one of ${listed.join(', ')}, got ${describeValue(tag)}`;
      }
      // Every branch wanted a mapping (a condition): naming scalars would mislead.
      if (issue.errors.every((branch) => branch.some(isRootMappingIssue))) {
        return `expected ${TYPE_NAMES.object}, got ${describeValue(issue.input)}`;
      }
      return `expected a text, number or true/false, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `expected at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'expected a non-empty text';
      return `expected a number ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}, got ${describeValue(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${String(issue.maximum)} entries`;
      if (issue.origin === 'string') {
        const got = typeof issue.input === 'string' ? `, got ${issue.input.length}` : '';
        return `expected at most ${String(issue.maximum)} characters${got}`;
      }
      return `expected a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${describeValue(issue.input)}`;
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function isRootMappingIssue(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && issue.code === 'invalid_type' && issue.expected === 'object';
}
