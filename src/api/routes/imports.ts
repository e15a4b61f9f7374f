// Imports over the management API (admin key): files uploaded to a private folder, checked, then
// imported by a background job (follow it at /v1/jobs/{id}; its result is the ImportResult); the
// rows it refused downloaded as CSV or NDJSON; and a preview of how a file will be read.
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadImportMap } from '../../service/import/import-map.js';
import { importJobOf, rejectsText } from '../../service/import/import-rejects.js';
import { IMPORT_KINDS } from '../../service/import/import-types.js';
import { importPreviewSchema, previewImport } from '../../service/import/preview.js';
import { importUserError } from '../../service/import/import-errors.js';
import { checkImport, kindsOf, startImport } from '../../service/import/start-import.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { FORM_LIMITS } from '../import-multipart.js';
import { receiveImport } from '../import-receive.js';
import type { ReceivedImport } from '../import-uploads.js';
import { errorResponses } from '../schemas/error.js';
import {
  importJobParams,
  importQuerySchema,
  isSet,
  previewQuerySchema,
  rejectsQuerySchema,
} from '../schemas/import.js';
import { jobStartedSchema } from '../schemas/job.js';
import { jsonResponse } from '../schemas/json-response.js';
import { DEFAULT_IMPORT_MAX_BYTES } from '../upload-folder.js';
import { jobView } from './job-view.js';

/** Rows a preview shows. */
const PREVIEW_ROWS = 20;

export async function importRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Every body here is a file: handed to the route as the request stream, never buffered.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  const limits = {
    maxBytes: deps.imports?.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES,
    tmpDir: deps.imports?.tmpDir,
  };
  // Forms: each file streamed as it arrives (the limits are every field once; the size is
  // counted over the whole request by the upload folder, which stops first).
  await app.register(multipart, {
    limits: { ...FORM_LIMITS, fileSize: limits.maxBytes + 1 },
    throwFileSizeLimit: true,
  });
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/imports',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Import files of leads, companies, events and outcomes (a background job; follow it at /v1/jobs/{id}, its result counts what it did)',
        description:
          'Send one file as the body with `?kind=` (CSV, or NDJSON for events), or a multipart/form-data form with file fields `leads`, `companies`, `events`, `outcomes` and `map` (the YAML mapping) and fields `dryRun`, `quiet`. Past events are stored as history and every touched lead is scored once at the end.',
        querystring: importQuerySchema,
        response: {
          202: jobStartedSchema,
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const upload = await receive(reply, () =>
        receiveImport(request, request.query, limits, { many: true }),
      );
      try {
        const flags = flagsOf(upload, request.query);
        await checked(upload, () => checkImport(upload.files));
        const kinds = IMPORT_KINDS.filter((kind) => upload.files[kind] !== undefined);
        auditTarget(request, null, { dryRun: flags.dryRun, files: kinds });
        const { job } = await startImport(
          deps.store,
          deps.models,
          {
            ws: request.workspaceId,
            files: upload.files,
            sizes: upload.sizes,
            ...flags,
            userText: upload.userText,
          },
          deps.clock,
          () => upload.folder.remove(),
        );
        return reply.code(202).send({ jobId: job.id, job: jobView(job) });
      } catch (error) {
        await upload.folder.remove();
        throw error;
      }
    },
  );

  typed.get(
    '/v1/imports/:id/rejects',
    {
      schema: {
        tags: ['imports'],
        summary:
          'The rows an import refused, in file order: kind, file, line, reason and the row as read (CSV, or NDJSON)',
        params: importJobParams,
        querystring: rejectsQuerySchema,
        produces: ['text/csv', 'application/x-ndjson'],
        response: {
          200: {
            description: 'The refused rows (streamed)',
            content: {
              'text/csv': { schema: z.string() },
              'application/x-ndjson': { schema: z.string() },
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { format } = request.query;
      const job = await importJobOf(deps.store, request.workspaceId, id);
      const text = rejectsText(deps.store, request.workspaceId, job.id, format);
      // A stream is sent as it is, not serialized: the untyped reply takes it.
      return (reply as FastifyReply)
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${job.id}-rejects.${format}"`)
        .send(Readable.from(text));
    },
  );

  typed.post(
    '/v1/imports/preview',
    {
      schema: {
        tags: ['imports'],
        summary: `How a file will be read: its columns and where each goes, and its first ${PREVIEW_ROWS} rows as mapped (or why each would be refused); nothing is stored`,
        description:
          'Send the file as the body with `?kind=`, or a multipart/form-data form with one file field (`leads`, `companies`, `events` or `outcomes`) and optionally `map`.',
        querystring: previewQuerySchema,
        response: {
          200: jsonResponse('The preview', importPreviewSchema),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const upload = await receive(reply, () =>
        receiveImport(request, request.query, limits, { many: false }),
      );
      try {
        const [kind] = kindsOf(upload.files);
        const path = upload.files[kind!]!;
        return await checked(upload, async () =>
          previewImport(
            kind!,
            path,
            upload.files.map === undefined ? undefined : await loadImportMap(upload.files.map),
            { limit: PREVIEW_ROWS, name: upload.files.names?.[kind!] ?? kind!, now: deps.clock() },
          ),
        );
      } finally {
        await upload.folder.remove();
      }
    },
  );
}

/**
 * Receives the uploads. A request refused before its body was read (too large, a wrong type)
 * closes the connection, rather than reading gigabytes nobody will use.
 */
async function receive(
  reply: FastifyReply,
  work: () => Promise<ReceivedImport>,
): Promise<ReceivedImport> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) reply.header('connection', 'close');
    throw error;
  }
}

/** Runs a check of the uploaded files; a mapping or file the user must fix is a 400. */
async function checked<T>(upload: ReceivedImport, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const problem = importUserError(error);
    if (problem === undefined) throw error;
    throw new ApiError('invalid_request', upload.userText(problem));
  }
}

/** dryRun and quiet, from the query or the form (given in both, they must agree). */
function flagsOf(
  upload: ReceivedImport,
  query: { dryRun?: string | undefined; quiet?: string | undefined },
): { dryRun: boolean; quiet: boolean } {
  const flag = (name: 'dryRun' | 'quiet') => {
    const values = [query[name], upload.fields[name]].filter((v) => v !== undefined);
    const set = values.map(isSet);
    if (new Set(set).size > 1)
      throw new ApiError('invalid_request', `${name}: the query and the form disagree`);
    return set[0] ?? false;
  };
  return { dryRun: flag('dryRun'), quiet: flag('quiet') };
}
