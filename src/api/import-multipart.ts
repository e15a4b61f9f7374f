// An import's multipart/form-data form: file fields leads, companies, events, outcomes and map,
// text fields dryRun and quiet. Each file is streamed into the upload folder as it arrives; an
// unknown, repeated or misplaced field, a form over its limits, or one without a file is a 4xx.
import { basename } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { IMPORT_KINDS, type ImportFiles, type ImportKind } from '../service/import/import-types.js';
import { ApiError } from './errors.js';
import { emptyFile, extensionOf, noFile, received, type ReceivedImport } from './import-uploads.js';
import { FLAG_VALUES, uploadName } from './schemas/import.js';
import type { UploadFolder } from './upload-folder.js';

/** The form's file fields: the kinds of file, and the mapping. */
const FILE_FIELDS: readonly string[] = [...IMPORT_KINDS, 'map'];
const TEXT_FIELDS: readonly string[] = ['dryRun', 'quiet'];

/** Parts a form may have: every file and text field once. */
export const FORM_LIMITS = {
  files: FILE_FIELDS.length,
  fields: TEXT_FIELDS.length,
  parts: FILE_FIELDS.length + TEXT_FIELDS.length,
  fieldSize: 16,
};

function badField(field: string, message: string): ApiError {
  return new ApiError('invalid_request', `${field}: ${message}`, [{ field, message }]);
}

/** The user's name of an uploaded file: its last path segment, when it is a usable name. */
function nameOf(filename: string, field: string): string {
  const name = basename(filename.replaceAll('\\', '/'));
  return uploadName.safeParse(name).success ? name : field;
}

/** A multipart error (a limit, a form cut short) as the coded 4xx it is. */
function formError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return error;
  const message = `body: ${(error as Error).message} (a form has the file fields ${FILE_FIELDS.join(', ')} and the fields ${TEXT_FIELDS.join(', ')}, each once)`;
  return new ApiError(status === 413 ? 'payload_too_large' : 'invalid_request', message);
}

export async function receiveForm(
  request: FastifyRequest,
  folder: UploadFolder,
  options: { many: boolean },
): Promise<ReceivedImport> {
  const files: ImportFiles = { names: {} };
  const sizes: ReceivedImport['sizes'] = {};
  const fields: Record<string, string> = {};
  let mapName: string | undefined;
  const seen = new Set<string>();
  try {
    for await (const part of request.parts()) {
      const field = part.fieldname;
      if (seen.has(field)) throw badField(field, 'given more than once');
      seen.add(field);
      if (part.type === 'field') {
        if (FILE_FIELDS.includes(field)) throw badField(field, 'expected a file, not a text field');
        if (!TEXT_FIELDS.includes(field)) throw unknownField(field);
        const value = String(part.value);
        if (!(FLAG_VALUES as readonly string[]).includes(value))
          throw badField(field, `expected one of ${FLAG_VALUES.join(', ')}`);
        fields[field] = value;
        continue;
      }
      if (!FILE_FIELDS.includes(field)) throw unknownField(field);
      const name = nameOf(part.filename, field);
      if (field === 'map') {
        const saved = await folder.save(part.file, 'map.yaml', field);
        if (saved.bytes === 0) throw emptyFile(field);
        files.map = saved.path;
        mapName = name;
        continue;
      }
      const kind = field as ImportKind;
      const extension = extensionOf(kind, part.mimetype, field, name);
      const saved = await folder.save(part.file, `${kind}${extension}`, field);
      if (saved.bytes === 0) throw emptyFile(field);
      files[kind] = saved.path;
      files.names![kind] = name;
      sizes[kind] = saved.bytes;
    }
  } catch (error) {
    throw formError(error);
  }
  const kinds = IMPORT_KINDS.filter((kind) => files[kind] !== undefined);
  if (kinds.length === 0) throw noFile();
  if (!options.many && kinds.length > 1)
    throw new ApiError(
      'invalid_request',
      `body: a preview reads one file; the form has ${kinds.join(', ')}`,
    );
  return received(folder, files, sizes, fields, mapName);
}

function unknownField(field: string): ApiError {
  return badField(
    field,
    `unknown field: expected the files ${FILE_FIELDS.join(', ')} or the fields ${TEXT_FIELDS.join(', ')}`,
  );
}
