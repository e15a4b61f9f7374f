// Number formats shared by the text and HTML reports.

export function percent(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '-';
}

export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : x === Infinity ? 'inf' : '-';
}

/** `11.40-12.00%`: a rate's Wilson interval. */
export function interval(low: number, high: number): string {
  return `${(low * 100).toFixed(2)}-${(high * 100).toFixed(2)}%`;
}

/** `1 row`, `3 rows`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function money(x: number | undefined): string {
  return x === undefined ? '-' : x.toFixed(2);
}

/** Rows of cells as columns padded to their widest cell; `right[c]` right-aligns column c. */
export function alignTable(
  header: string[],
  rows: string[][],
  right: boolean[],
  indent = '  ',
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd() +
    '\n';
  return line(header) + rows.map(line).join('');
}
