// The model editor's one source of truth is its YAML text: forms edit it through these
// functions, which change only the value at a path and keep the rest of the text (comments,
// order, layout) as the user wrote it.
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';

export type Path = (string | number)[];

export interface ParsedModel {
  /** The model as plain data; undefined when the text is not valid YAML. */
  value: unknown;
  /** The YAML syntax problem, with its 1-based line. */
  syntaxError: { message: string; line: number | null } | null;
}

function load(text: string): Document.Parsed {
  return parseDocument(text, { prettyErrors: false });
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

export function parseModelText(text: string): ParsedModel {
  const doc = load(text);
  const first = doc.errors[0];
  if (first) {
    const offset = first.pos[0];
    return {
      value: undefined,
      syntaxError: {
        message: first.message.split('\n')[0] ?? first.message,
        line: lineAt(text, offset),
      },
    };
  }
  return { value: doc.toJS() as unknown, syntaxError: null };
}

/** The YAML text of a model the API answered as JSON. */
export function specToYaml(spec: unknown): string {
  return stringify(spec, { lineWidth: 0 });
}

function edited(text: string, change: (doc: Document.Parsed) => void): string {
  const doc = load(text);
  if (doc.errors.length > 0) throw new Error('fix the YAML syntax error first');
  change(doc);
  return doc.toString({ lineWidth: 0 });
}

/** Removes the maps left empty along `path` (a cap without points or days means no cap). */
function pruneEmpty(doc: Document.Parsed, path: Path): void {
  for (let end = path.length; end > 0; end--) {
    const at = path.slice(0, end);
    const node = doc.getIn(at, true);
    if (isMap(node) && node.items.length === 0) doc.deleteIn(at);
    else return;
  }
}

/** Sets the value at `path`; undefined removes the key (and maps left empty by it). */
export function setIn(text: string, path: Path, value: unknown): string {
  return edited(text, (doc) => {
    if (value === undefined) {
      if (doc.hasIn(path)) doc.deleteIn(path);
      pruneEmpty(doc, path.slice(0, -1));
    } else {
      doc.setIn(path, doc.createNode(value));
    }
  });
}

/**
 * Adds an item to the list at `path` (creating the list when there is none): at the end, or
 * before position `at` (a new segment goes before the catch-all, which must stay last).
 */
export function addItem(text: string, path: Path, item: unknown, at?: number): string {
  return edited(text, (doc) => {
    const node = doc.getIn(path, true);
    if (!isSeq(node)) doc.setIn(path, doc.createNode([item]));
    else if (at === undefined || at >= node.items.length) node.add(doc.createNode(item));
    else node.items.splice(Math.max(0, at), 0, doc.createNode(item));
  });
}

export function removeItem(text: string, path: Path, index: number): string {
  return edited(text, (doc) => doc.deleteIn([...path, index]));
}

/** Moves the item at `index` one place up (-1) or down (+1) in the list at `path`. */
export function moveItem(text: string, path: Path, index: number, by: -1 | 1): string {
  return edited(text, (doc) => {
    const node = doc.getIn(path, true);
    if (!isSeq(node)) return;
    const target = index + by;
    if (target < 0 || target >= node.items.length) return;
    const [item] = node.items.splice(index, 1);
    node.items.splice(target, 0, item);
  });
}

/** `engagement.rules[3].points`: the way the API names the field of a model problem. */
export function formatPath(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** The 1-based line where the value at `path` starts, or null when there is none. */
export function lineOfPath(text: string, path: Path): number | null {
  const doc = load(text);
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node || typeof node !== 'object' || !node.range) return null;
  return lineAt(text, node.range[0]);
}
