// Writes rejected records to a file (CSV, or NDJSON for .ndjson/.jsonl) and to stderr.
import { csvRow } from '../ingest/csv-row.js';
import type { Reject } from '../ingest/reject.js';

export function rejectsFormatOf(path: string): 'csv' | 'ndjson' {
  return /\.(ndjson|jsonl|json)$/i.test(path) ? 'ndjson' : 'csv';
}

export function rejectHeader(format: 'csv' | 'ndjson'): string {
  return format === 'csv' ? csvRow(['file', 'line', 'kind', 'lead_id', 'reason']) : '';
}

export function rejectLine(format: 'csv' | 'ndjson', r: Reject): string {
  if (format === 'ndjson') return `${JSON.stringify(r)}\n`;
  return csvRow([r.file, r.line, r.kind, r.leadId ?? '', r.reason]);
}

/** The human form on stderr: `events.ndjson:12: event for lead "L9": timestamp ... `. */
export function describeReject(r: Reject): string {
  const who = r.leadId === undefined ? '' : ` (lead "${r.leadId}")`;
  return `${r.file}:${r.line}: ${r.kind} rejected${who}: ${r.reason}`;
}
