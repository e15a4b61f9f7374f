// What the page reads of a chosen file before any upload, as the server will: NDJSON or CSV (by
// the name's extension, else the first character), and a CSV's column names (the first record,
// its separator the most frequent of `,` `;` tab outside quotes, names trimmed).

export type FileFormat = 'csv' | 'ndjson';

/** Events may come as either; the other kinds are always CSV. */
export function formatOf(kind: string, name: string, head: string): FileFormat {
  if (kind !== 'events') return 'csv';
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json'))
    return 'ndjson';
  return /^[{[]/.test(head.trimStart()) ? 'ndjson' : 'csv';
}

function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/** The column names of a CSV text's first non-empty record (quoted names may hold anything). */
export function csvHeader(head: string): string[] {
  const text = head.replace(/^\uFEFF/, '').replace(/^(\s*\r?\n)+/, '');
  const delimiter = sniffDelimiter(text.split(/\r?\n/, 1)[0] ?? '');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  fields.push(field);
  const names = fields.map((name) => name.trim());
  return names.length === 1 && names[0] === '' ? [] : names;
}
