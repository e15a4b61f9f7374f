// Receives an import request's files: a multipart/form-data form, or one file as the body. The
// upload folder is removed again when receiving fails.
import type { FastifyRequest } from 'fastify';
import type { ImportKind } from '../service/import/import-types.js';
import { ApiError } from './errors.js';
import { receiveForm } from './import-multipart.js';
import {
  mediaTypeOf,
  receiveBody,
  refuseDeclaredSize,
  type ReceivedImport,
  type UploadLimits,
} from './import-uploads.js';
import { UploadFolder } from './upload-folder.js';

export async function receiveImport(
  request: FastifyRequest,
  query: { kind?: ImportKind | undefined; name?: string | undefined },
  limits: UploadLimits,
  options: { many: boolean },
): Promise<ReceivedImport> {
  if (mediaTypeOf(request) !== 'multipart/form-data') return receiveBody(request, query, limits);
  for (const field of ['kind', 'name'] as const)
    if (query[field] !== undefined)
      throw new ApiError(
        'invalid_request',
        `querystring.${field}: only for a body that is the file itself; a form names its files by their fields`,
        [{ field: `querystring.${field}`, message: 'not with a multipart form' }],
      );
  refuseDeclaredSize(request, limits.maxBytes);
  const folder = await UploadFolder.make(limits.maxBytes, limits.tmpDir);
  try {
    return await receiveForm(request, folder, options);
  } catch (error) {
    await folder.remove();
    throw error;
  }
}
