// Receives an import request's files: a multipart/form-data form, or one file as the body.
import type { FastifyRequest } from 'fastify';
import type { ImportKind } from '../service/import/import-types.js';
import { ApiError } from './errors.js';
import {
  mediaTypeOf,
  receiveBody,
  type ReceivedImport,
  type UploadLimits,
} from './import-uploads.js';

export async function receiveImport(
  request: FastifyRequest,
  query: { kind?: ImportKind | undefined; name?: string | undefined },
  limits: UploadLimits,
  options: { many: boolean },
): Promise<ReceivedImport> {
  void options;
  if (mediaTypeOf(request) === 'multipart/form-data')
    throw new ApiError(
      'unsupported_media_type',
      'body: multipart/form-data uploads are not available on this server yet: send one file as the body with ?kind=',
    );
  return receiveBody(request, query, limits);
}
