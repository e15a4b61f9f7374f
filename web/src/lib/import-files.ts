// The files an import sends: which kinds there are, the head of a file the preview reads, and
// the multipart form of an import.
import type { ImportKind } from '../api/import-types';

/** The kinds in the order the page offers them (the server imports companies first). */
export const KINDS = [
  'leads',
  'companies',
  'events',
  'outcomes',
] as const satisfies readonly ImportKind[];

export const KIND_LABELS: Record<ImportKind, string> = {
  leads: 'Leads',
  companies: 'Companies',
  events: 'Events',
  outcomes: 'Outcomes',
};

export const KIND_HINTS: Record<ImportKind, string> = {
  leads: 'CSV with an id column; nested traits as dotted columns (company.industry).',
  companies: 'CSV with an id column and the company traits.',
  events: 'Segment NDJSON (one message a line) or CSV.',
  outcomes: 'CSV: lead_id, outcome (converted or lost), at, value, currency, reason.',
};

/** A file size for people: 980 bytes, 12.5 KB, 3.2 MB, 1.1 GB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export type ImportFileSet = Partial<Record<ImportKind, File>>;

/** The kinds with a file chosen, in page order. */
export function chosenKinds(files: ImportFileSet): ImportKind[] {
  return KINDS.filter((kind) => files[kind] !== undefined);
}

/** What the preview reads of a file: enough for its header and first rows. */
export const PREVIEW_BYTES = 256 * 1024;

/**
 * The head of `file` as a file of the same name: the whole file when it is small, else its
 * first `limit` bytes up to the last line end (so no row is cut in the middle).
 */
export async function fileHead(file: File, limit = PREVIEW_BYTES): Promise<File> {
  if (file.size <= limit) return file;
  const text = await file.slice(0, limit).text();
  const end = text.lastIndexOf('\n');
  return new File([end >= 0 ? text.slice(0, end + 1) : text], file.name, { type: file.type });
}

export interface ImportRequest {
  files: ImportFileSet;
  /** The mapping YAML; empty when every column is read as it is named. */
  map: string;
  dryRun: boolean;
  quiet: boolean;
}

/**
 * The multipart body of `POST /v1/imports`: the fields and the mapping before the files, so a
 * server reading the stream knows them before the first row.
 */
export function importForm({ files, map, dryRun, quiet }: ImportRequest): FormData {
  const form = new FormData();
  form.set('dryRun', String(dryRun));
  form.set('quiet', String(quiet));
  if (map.trim() !== '') form.set('map', new File([map], 'map.yaml', { type: 'application/yaml' }));
  for (const kind of chosenKinds(files)) form.set(kind, files[kind]!, files[kind]!.name);
  return form;
}

/** The multipart body of `POST /v1/imports/preview`: the mapping, then the head of one file. */
export async function previewForm(kind: ImportKind, file: File, map: string): Promise<FormData> {
  const form = new FormData();
  if (map.trim() !== '') form.set('map', new File([map], 'map.yaml', { type: 'application/yaml' }));
  const head = await fileHead(file);
  form.set(kind, head, head.name);
  return form;
}
