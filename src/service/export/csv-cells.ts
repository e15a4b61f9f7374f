// CSV for spreadsheets (RFC 4180, quoted only where needed, by the shared cell writer), with text
// cells protected against formula injection as OWASP recommends: a text starting with = + - @ tab
// or CR gets a leading '.
import { csvCell as rfcCell } from '../../ingest/csv-row.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text a spreadsheet will not run: a leading single quote before a formula's first sign. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell: empty for no value, a number as written, anything else as text (objects and arrays
 * as their JSON), defused and quoted. Only the numbers the export computes skip the defusing:
 * a number cannot be a formula, and `-3` must stay a number.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return rfcCell(defuseFormula(typeof value === 'string' ? value : JSON.stringify(value)));
}

export function csvLine(cells: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(cells[i]);
  }
  return `${line}\n`;
}
