// What an import request sends, saved to a private folder: one file streamed as the body (its
// kind in `?kind=`), or a multipart form of files (leads, companies, events, outcomes, map) and
// fields. Nothing is held in memory; a mistake is a 4xx naming the field, and the folder is gone
// again when receiving fails.
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ImportFiles, ImportKind } from '../service/import/import-types.js';
import { ApiError } from './errors.js';
import { tooLarge, UploadFolder } from './upload-folder.js';

/** Content types of a CSV body, and of an NDJSON one (events only); others are refused. */
const CSV_TYPES = ['text/csv', 'text/comma-separated-values', 'application/csv'];
const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/json',
];
/** Types that say nothing of the format: the file's extension or first character decide. */
const ANY_TYPES = ['application/octet-stream', 'text/plain'];

export interface UploadLimits {
  maxBytes: number;
  /** Where the private folders are made (the system's temporary folder by default). */
  tmpDir?: string | undefined;
}

export interface ReceivedImport {
  folder: UploadFolder;
  /** Paths in the folder, with the names the user knows them by. */
  files: ImportFiles;
  sizes: Partial<Record<ImportKind, number>>;
  /** The form's text fields (a multipart form only). */
  fields: Record<string, string>;
  /** A message with the folder's paths replaced by the names the user gave. */
  userText(message: string): string;
}

/** The media type of the request, lower case, without parameters. */
export function mediaTypeOf(request: FastifyRequest): string | undefined {
  const header = request.headers['content-type'];
  return header?.split(';', 1)[0]?.trim().toLowerCase() || undefined;
}

/** Extensions kept from an upload's name: they tell its format. */
const EXTENSIONS = ['.csv', '.tsv', '.ndjson', '.jsonl', '.json'];

/**
 * The extension the saved file gets, so that the reader knows an NDJSON file from a CSV: from
 * the upload's name when it has one of EXTENSIONS, else from its type. A body of a type that
 * cannot be the kind's file is refused; a form's file of an unknown type is judged by its text.
 */
export function extensionOf(
  kind: ImportKind,
  type: string | undefined,
  field: string,
  name?: string,
): string {
  const extension = name === undefined ? '' : extname(name).toLowerCase();
  if (EXTENSIONS.includes(extension)) return extension;
  if (type === undefined || ANY_TYPES.includes(type)) return '';
  if (CSV_TYPES.includes(type)) return '.csv';
  if (NDJSON_TYPES.includes(type)) {
    if (kind === 'events') return '.ndjson';
    throw new ApiError(
      'unsupported_media_type',
      `${field}: ${kind} are read from CSV (text/csv), not ${type}`,
    );
  }
  if (name !== undefined) return '';
  throw new ApiError(
    'unsupported_media_type',
    `${field}: cannot import a ${type} body: send CSV (text/csv)${kind === 'events' ? ', NDJSON (application/x-ndjson)' : ''} or application/octet-stream, or a multipart/form-data form`,
  );
}

/** The whole request over the limit, told before any of it is read. */
export function refuseDeclaredSize(request: FastifyRequest, maxBytes: number): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, 'body');
}

/** A body that is one file of the kind `?kind=` names. */
export async function receiveBody(
  request: FastifyRequest,
  query: { kind?: ImportKind | undefined; name?: string | undefined },
  limits: UploadLimits,
): Promise<ReceivedImport> {
  const { kind } = query;
  if (kind === undefined)
    throw new ApiError(
      'invalid_request',
      'querystring.kind: required when the body is the file itself (leads, companies, events or outcomes)',
      [{ field: 'querystring.kind', message: 'required' }],
    );
  const body = request.body as Readable | undefined;
  if (body === undefined || body === null) throw noFile();
  const extension = extensionOf(kind, mediaTypeOf(request), 'body');
  refuseDeclaredSize(request, limits.maxBytes);
  const folder = await UploadFolder.make(limits.maxBytes, limits.tmpDir);
  try {
    const saved = await folder.save(body, `${kind}${extension}`, 'body');
    if (saved.bytes === 0) throw emptyFile('body');
    const name = query.name ?? `${kind}${extension}`;
    return received(
      folder,
      { [kind]: saved.path, names: { [kind]: name } },
      { [kind]: saved.bytes },
      {},
    );
  } catch (error) {
    await folder.remove();
    throw error;
  }
}

export function noFile(): ApiError {
  return new ApiError(
    'invalid_request',
    'body: no file: send the file as the body with ?kind=, or a multipart/form-data form with file fields leads, companies, events, outcomes (and map)',
    [{ field: 'body', message: 'no file' }],
  );
}

export function emptyFile(field: string): ApiError {
  return new ApiError('invalid_request', `${field}: the file is empty`, [
    { field, message: 'empty' },
  ]);
}

export function received(
  folder: UploadFolder,
  files: ImportFiles,
  sizes: ReceivedImport['sizes'],
  fields: Record<string, string>,
  mapName?: string,
): ReceivedImport {
  const names = new Map<string, string>();
  for (const [kind, name] of Object.entries(files.names ?? {})) {
    const path = files[kind as ImportKind];
    if (path !== undefined && name !== undefined) names.set(path, name);
  }
  if (files.map !== undefined && mapName !== undefined) names.set(files.map, mapName);
  return {
    folder,
    files,
    sizes,
    fields,
    userText: (message) => {
      let text = message;
      for (const [path, name] of names) text = text.split(path).join(name);
      return text.split(folder.dir).join('(upload)');
    },
  };
}
