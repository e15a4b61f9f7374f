// Renders message templates with Handlebars: one isolated instance, only its built-in helpers
// (each, if, unless, with), no access to prototypes. Three outputs: HTML (Handlebars escapes
// it), plain text (nothing escaped), and Slack mrkdwn, whose &, < and > Handlebars does not know
// to escape: those are escaped here, by hand, in the data before rendering.
import Handlebars from 'handlebars';

export type TemplateMode = 'html' | 'text' | 'mrkdwn';

export type Rendered = { ok: true; text: string } | { ok: false; error: string };

const handlebars = Handlebars.create();
const COMPILE = { knownHelpersOnly: true, strict: false } as const;
const RUNTIME = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
} as const;

/** Compiled templates per mode and text; model templates are few, so the cache stays small. */
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const MAX_CACHED = 500;

function compile(source: string, mode: TemplateMode): HandlebarsTemplateDelegate {
  const key = `${mode}\u0000${source}`;
  let template = compiled.get(key);
  if (!template) {
    template = handlebars.compile(source, { ...COMPILE, noEscape: mode !== 'html' });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, template);
  }
  return template;
}

/** The reason a template cannot be compiled, or null when it can (checked at save). */
export function templateProblem(source: string): string | null {
  try {
    handlebars.precompile(source, COMPILE);
    return null;
  } catch (error) {
    return `not a valid template: ${firstLine(error)}`;
  }
}

/** Never throws: a template that fails is a reason, for a permanent failure. */
export function render(source: string, data: object, mode: TemplateMode): Rendered {
  try {
    const input = mode === 'mrkdwn' ? escapeDeep(data) : data;
    return { ok: true, text: compile(source, mode)(input, RUNTIME) };
  } catch (error) {
    return { ok: false, error: `the template cannot be rendered: ${firstLine(error)}` };
  }
}

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeMrkdwn(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)]));
  return value;
}

/** The message's first line; for a parse error, with its last (what was expected, what came). */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  const first = lines[0] ?? message;
  if (lines.length > 1 && first.startsWith('Parse error'))
    return `${first.replace(/:$/, '')}: ${lines.at(-1)!.replace(/^Expecting .*, got/, 'unexpected')}`;
  return first;
}
