// Exports over the management API: every lead (or account) the list's filters select, as a CSV
// or NDJSON file streamed a page at a time, with the keys that may read the list.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportAccounts } from '../../service/export/account-export.js';
import {
  CONTENT_TYPES,
  exportFileName,
  type ExportFormat,
} from '../../service/export/export-format.js';
import { exportLeads } from '../../service/export/lead-export.js';
import { leadOrder } from '../../service/export/lead-order.js';
import { parseTraitSelection, type TraitSelection } from '../../service/export/trait-selection.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import {
  accountExportQuerySchema,
  exportResponse,
  leadExportQuerySchema,
} from '../schemas/export.js';

function traitsOf(text: string | undefined): TraitSelection {
  const parsed = parseTraitSelection(text);
  if (!parsed.ok) throw new ApiError('invalid_request', `querystring.traits: ${parsed.message}`);
  return parsed.selection;
}

/**
 * Sends the chunks as the file, once the first one is read: a failure before any byte is sent
 * is still answered with its status and coded error; a later one cuts the download short.
 */
async function sendFile(
  reply: FastifyReply,
  chunks: AsyncGenerator<string>,
  format: ExportFormat,
  name: string,
): Promise<FastifyReply> {
  const first = await chunks.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(all(), { objectMode: false }));
}

export async function exportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/leads/export',
    {
      schema: {
        tags: ['leads'],
        summary:
          'Every lead the list filters select, as a CSV or NDJSON file (scores as of now, as the list shows them)',
        querystring: leadExportQuerySchema,
        response: {
          200: exportResponse('The leads, a line each, in the order of `sort`'),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { format, traits, sort, ...filters } = request.query;
      const now = deps.clock();
      const chunks = exportLeads(
        deps.store,
        deps.models,
        request.workspaceId,
        { filters: { ...filters, ...leadOrder(sort) }, format, traits: traitsOf(traits) },
        now,
      );
      return sendFile(reply, chunks, format, exportFileName('leads', format, now));
    },
  );

  typed.get(
    '/v1/accounts/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Every account the list filter selects, best first, as a CSV or NDJSON file',
        querystring: accountExportQuerySchema,
        response: {
          200: exportResponse('The accounts, a line each, best score first'),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { format, traits, segment } = request.query;
      const chunks = exportAccounts(deps.store, request.workspaceId, {
        filters: { segment },
        format,
        traits: traitsOf(traits),
      });
      return sendFile(reply, chunks, format, exportFileName('accounts', format, deps.clock()));
    },
  );
}
