// Channels over the management API: create, list, read, change (enable, disable), delete, a test
// send answered at once, and their delivery log with redelivery, as for webhooks. Secrets are
// taken, sealed, and never answered back (a view lists their names only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorName } from '../../service/auth/principal.js';
import {
  channelDelivery,
  channelDeliveryPage,
  deliveryCounts,
  redeliverChannelDelivery,
  redeliverFailedOfChannel,
} from '../../service/channels/channel-deliveries.js';
import { ChannelInputError } from '../../service/channels/channel-input-error.js';
import { secretsSet } from '../../service/channels/channel-secrets.js';
import {
  changeChannel,
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
} from '../../service/channels/channel-service.js';
import { testChannel } from '../../service/channels/channel-test-send.js';
import { PLAIN_SECRETS } from '../../service/secret-box.js';
import type { Channel } from '../../store/port.js';
import { auditTarget } from '../audit-trail.js';
import { refusePrivateUrls } from '../channel-urls.js';
import type { AppDeps } from '../deps.js';
import { deliveryLogRoutes } from './delivery-log-routes.js';
import { ApiError } from '../errors.js';
import {
  channelCreateSchema,
  channelDeletedSchema,
  channelListSchema,
  channelTestResultSchema,
  channelTestSchema,
  channelUpdateSchema,
  channelView,
  channelViewSchema,
  DELIVERY_COUNT_CAP,
} from '../schemas/channel.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';

const idParams = z.object({ id: z.string().min(1).describe('The channel id') });
const BY_ID = [400, 401, 403, 404] as const;
const WITH_BODY = [...BY_ID, 413, 415] as const;
const nameTaken = jsonResponse('The name is taken by another channel', apiErrorSchema);

/** The service's refusal of settings as a 400 naming every field at fault. */
async function orBadRequest<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof ChannelInputError)
      throw new ApiError('invalid_request', error.message, error.problems);
    throw error;
  });
}

export async function channelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const box = deps.secrets ?? PLAIN_SECRETS;
  const view = async (ws: string, channel: Channel) =>
    channelView(
      channel,
      secretsSet(channel, box),
      await deliveryCounts(deps.store, ws, channel, DELIVERY_COUNT_CAP),
    );
  const principalName = (request: FastifyRequest) =>
    request.principal ? actorName(request.principal) : null;
  /** Where links in messages point (LEADSCORE_PUBLIC_URL, or the server's address). */
  const publicUrl = deps.sendersPublicUrl ?? (() => deps.publicUrl);

  typed.post(
    '/v1/channels',
    {
      schema: {
        tags: ['channels'],
        summary: 'Add a channel (email, slack, segment, hubspot, salesforce); secrets are sealed',
        body: channelCreateSchema,
        response: {
          201: jsonResponse('The new channel', channelViewSchema),
          409: nameTaken,
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request, reply) => {
      await refusePrivateUrls(deps, request.body);
      const channel = await orBadRequest(
        createChannel(
          deps.store,
          request.workspaceId,
          request.body,
          box,
          principalName(request),
          deps.clock(),
        ),
      );
      return reply.code(201).send(await view(request.workspaceId, channel));
    },
  );

  typed.get(
    '/v1/channels',
    {
      schema: {
        tags: ['channels'],
        summary: 'Channels, oldest first',
        response: { 200: channelListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const ws = request.workspaceId;
      const channels = await listChannels(deps.store, ws);
      return { items: await Promise.all(channels.map((c) => view(ws, c))) };
    },
  );

  typed.get(
    '/v1/channels/:id',
    {
      schema: {
        tags: ['channels'],
        summary: 'One channel (its secrets by name only)',
        params: idParams,
        response: {
          200: jsonResponse('The channel', channelViewSchema),
          ...errorResponses(...BY_ID),
        },
      },
    },
    async (request) => {
      const ws = request.workspaceId;
      return view(ws, await getChannel(deps.store, ws, request.params.id));
    },
  );

  typed.patch(
    '/v1/channels/:id',
    {
      schema: {
        tags: ['channels'],
        summary: 'Change a channel: settings merge (a secret left out is kept), enable or disable',
        params: idParams,
        body: channelUpdateSchema,
        response: {
          200: jsonResponse('The changed channel', channelViewSchema),
          409: nameTaken,
          ...errorResponses(...WITH_BODY),
        },
      },
    },
    async (request) => {
      const ws = request.workspaceId;
      await refusePrivateUrls(deps, request.body);
      const channel = await orBadRequest(
        changeChannel(deps.store, ws, request.params.id, request.body, box, deps.clock()),
      );
      if (request.body.enabled) deps.webhooks?.wake();
      return view(ws, channel);
    },
  );

  typed.delete(
    '/v1/channels/:id',
    {
      schema: {
        tags: ['channels'],
        summary: 'Delete a channel with its deliveries; nothing more is sent to it',
        params: idParams,
        response: { 200: channelDeletedSchema, ...errorResponses(...BY_ID) },
      },
    },
    async (request) => {
      await deleteChannel(deps.store, request.workspaceId, request.params.id);
      return { id: request.params.id, deleted: true as const };
    },
  );

  typed.post(
    '/v1/channels/:id/test',
    {
      schema: {
        tags: ['channels'],
        summary: 'Send a test message now and answer what came of it (a failure is ok: false)',
        params: idParams,
        body: channelTestSchema.nullish(),
        response: { 200: channelTestResultSchema, ...errorResponses(...WITH_BODY) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const principal = request.principal;
      const to = request.body?.to ?? (principal?.kind === 'user' ? principal.email : undefined);
      auditTarget(request, `channel:${id}`, to === undefined ? {} : { to });
      const result = await testChannel(
        {
          store: deps.store,
          clock: deps.clock,
          ...(deps.secrets ? { secrets: deps.secrets } : {}),
          publicUrl,
          log: (line) => request.log.info(line),
          // The same guard as the delivery worker's (LEADSCORE_WEBHOOK_ALLOW_PRIVATE).
          blockPrivateNetworks: deps.webhooks?.options?.blockPrivateNetworks ?? true,
        },
        request.workspaceId,
        id,
        to,
      );
      // Whether it worked, not the error text: a service's answer could quote what it was sent.
      auditTarget(request, `channel:${id}`, { ok: result.ok });
      return result;
    },
  );

  deliveryLogRoutes(app, deps, {
    base: '/v1/channels',
    tag: 'channels',
    noun: 'channel',
    target: (id) => `channel:${id}`,
    page: channelDeliveryPage,
    get: channelDelivery,
    redeliver: redeliverChannelDelivery,
    redeliverFailed: redeliverFailedOfChannel,
  });
}
