// The sales loop over the management API: a lead's lifecycle, sales feedback on a hand-over,
// outcomes (converted, lost), plain forward moves and explicit resets. A move the lifecycle
// rules refuse answers 409 saying from which stage to which, and why not.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MoveContext } from '../../service/lifecycle/apply-move.js';
import { leadLifecycle, makeMove } from '../../service/lifecycle/lead-lifecycle.js';
import type { LifecycleAction } from '../../service/lifecycle/moves.js';
import { actedBy, auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  feedbackBodySchema,
  leadLifecycleSchema,
  lifecycleView,
  moveBodySchema,
  outcomeBodySchema,
  resetBodySchema,
  type LeadLifecycleView,
} from '../schemas/lifecycle.js';

const idParams = z.object({ id: z.string().min(1).describe('The lead id: the Segment userId') });
const MOVES_SHOWN = 100;

const moved = jsonResponse(
  'Recorded: the lead’s lifecycle now, newest move first',
  leadLifecycleSchema,
);
const moveErrors = {
  ...errorResponses(400, 401, 403, 404, 413, 415),
  409: jsonResponse(
    'The lifecycle rules do not allow this move from the lead’s stage (`details`: from, to)',
    apiErrorSchema,
  ),
};

export async function lifecycleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  /** One move: a refused one answers 409; notifications it enqueued wake the webhook worker. */
  const move = async (
    request: FastifyRequest,
    action: LifecycleAction,
    context: Omit<MoveContext, 'cause' | 'causeRef'>,
  ): Promise<LeadLifecycleView> => {
    const ws = request.workspaceId;
    const id = (request.params as { id: string }).id;
    auditTarget(request, `lead:${id}`, {
      action: action.type,
      ...('to' in action ? { to: action.to } : {}),
      ...(context.reason ? { reason: context.reason } : {}),
      ...(context.actor ? { by: context.actor } : {}),
    });
    const result = await makeMove(deps.store, ws, id, action, context, MOVES_SHOWN);
    if (!result.ok)
      throw new ApiError('conflict', result.message, { from: result.from, to: result.to });
    if (result.notified) deps.webhooks?.wake();
    return lifecycleView(result.lifecycle.state, result.lifecycle.moves);
  };

  typed.get(
    '/v1/leads/:id/lifecycle',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'The lead’s lifecycle stage and its moves, newest first',
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(MOVES_SHOWN),
        }),
        response: {
          200: jsonResponse('The lifecycle', leadLifecycleSchema),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { state, moves } = await leadLifecycle(
        deps.store,
        request.workspaceId,
        request.params.id,
        request.query.limit,
      );
      return lifecycleView(state, moves);
    },
  );

  typed.post(
    '/v1/leads/:id/feedback',
    {
      schema: {
        tags: ['lifecycle'],
        summary:
          'Sales accepts a handed-over lead (mql -> sal) or rejects it with a reason (-> lead)',
        params: idParams,
        body: feedbackBodySchema,
        response: { 200: moved, ...moveErrors },
      },
    },
    async (request) => {
      const body = request.body;
      const action: LifecycleAction = { type: body.decision === 'accepted' ? 'accept' : 'reject' };
      return move(request, action, {
        at: deps.clock(),
        reason: body.reason ?? null,
        actor: actedBy(request, body.by),
      });
    },
  );

  typed.post(
    '/v1/leads/:id/outcome',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'Record an outcome: converted (with value and date) or lost (with a reason)',
        params: idParams,
        body: outcomeBodySchema,
        response: { 200: moved, ...moveErrors },
      },
    },
    async (request) => {
      const body = request.body;
      const now = deps.clock();
      if (body.outcome === 'lost') {
        return move(
          request,
          { type: 'lose' },
          {
            at: now,
            reason: body.reason,
            actor: actedBy(request, body.by),
          },
        );
      }
      const at = body.at === undefined ? now : Date.parse(body.at);
      if (at > now)
        throw new ApiError('invalid_request', 'body.at: a conversion cannot be in the future');
      return move(
        request,
        { type: 'convert' },
        {
          at,
          reason: body.reason ?? null,
          actor: actedBy(request, body.by),
          value: body.value ?? null,
          currency: body.currency ?? null,
        },
      );
    },
  );

  typed.post(
    '/v1/leads/:id/lifecycle',
    {
      schema: {
        tags: ['lifecycle'],
        summary:
          'Move the lead forward (to lead, sql or opportunity) or disqualify it with a reason',
        params: idParams,
        body: moveBodySchema,
        response: { 200: moved, ...moveErrors },
      },
    },
    async (request) =>
      move(
        request,
        { type: 'advance', to: request.body.stage },
        {
          at: deps.clock(),
          reason: request.body.reason ?? null,
          actor: actedBy(request, request.body.by),
        },
      ),
  );

  typed.post(
    '/v1/leads/:id/lifecycle/reset',
    {
      schema: {
        tags: ['lifecycle'],
        summary: 'Put the lead at any other stage, earlier ones included, saying why',
        params: idParams,
        body: resetBodySchema,
        response: { 200: moved, ...moveErrors },
      },
    },
    async (request) =>
      move(
        request,
        { type: 'reset', to: request.body.stage },
        {
          at: deps.clock(),
          reason: request.body.reason,
          actor: actedBy(request, request.body.by),
        },
      ),
  );
}
