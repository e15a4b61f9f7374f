// Account (company) scores over the management API: the list, best first, and one account
// scored as of now with every contribution.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAccounts } from '../../service/accounts/account-list.js';
import { accountView } from '../../service/accounts/account-view.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { accountListPageSchema, accountSchema } from '../schemas/account.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';

const NO_ACCOUNTS = 'the active model scores no accounts: add an `accounts` part to it';

export async function accountRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Accounts (companies) by their stored score, best first, with cursor pagination',
        querystring: z.object({
          segment: z.string().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.string().min(1).optional().describe('The `next` of the previous page'),
        }),
        response: { 200: accountListPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { segment, limit, cursor } = request.query;
      return listAccounts(deps.store, request.workspaceId, { limit, cursor, segment });
    },
  );

  typed.get(
    '/v1/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'An account scored as of now, with every contribution (fit and contacts)',
        params: z.object({ id: z.string().min(1).describe('The company id: the Segment groupId') }),
        response: {
          200: jsonResponse('The account, scored as of now', accountSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const result = await accountView(
        deps.store,
        deps.models,
        request.workspaceId,
        request.params.id,
        deps.clock(),
      );
      if (result.kind === 'no_accounts') throw new ApiError('not_found', NO_ACCOUNTS);
      if (result.kind === 'not_found')
        throw new ApiError('not_found', `no company "${request.params.id}"`);
      return result.view;
    },
  );
}
