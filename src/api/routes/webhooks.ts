// Webhook subscriptions over the management API: create (answering the signing secret once),
// list, read, change, pause or resume, delete; their deliveries with every attempt; and
// redelivery of one delivery or of all failed ones.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLAIN_SECRETS } from '../../service/secret-box.js';
import { deliveryPage, getDelivery } from '../../service/webhooks/delivery-log.js';
import { privateNetworkRefusal } from '../../service/webhooks/private-network.js';
import { redeliver, redeliverFailed } from '../../service/webhooks/redelivery.js';
import {
  changeSubscription,
  getSubscription,
  listSubscriptions,
  subscribe,
  unsubscribe,
} from '../../service/webhooks/subscriptions.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { deliveryLogRoutes } from './delivery-log-routes.js';
import { ApiError } from '../errors.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  webhookCreatedSchema,
  webhookCreateSchema,
  webhookDeletedSchema,
  webhookListSchema,
  webhookUpdateSchema,
  webhookView,
  webhookViewSchema,
} from '../schemas/webhook.js';

const idParams = z.object({ id: z.string().min(1).describe('The subscription id') });
const BY_ID = [400, 401, 403, 404] as const;
const WITH_BODY = [...BY_ID, 413, 415] as const;

export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  /** Unless the SSRF guard is off, a URL reaching the server's own networks is refused at once. */
  const checkUrl = async (url: string | undefined, field: string) => {
    if (url === undefined || deps.webhooks?.options?.blockPrivateNetworks === false) return;
    // A name that does not resolve now is left to the delivery attempts to report.
    const refusal = await privateNetworkRefusal(url).catch(() => undefined);
    if (refusal) throw new ApiError('invalid_request', `${field}: ${refusal}`, { field });
  };

  typed.post(
    '/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe a URL to notifications; answers the signing secret this once',
        body: webhookCreateSchema,
        response: { 201: webhookCreatedSchema, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      await checkUrl(request.body.url, 'body.url');
      const { webhook, secret } = await subscribe(
        deps.store,
        request.workspaceId,
        request.body,
        deps.secrets ?? PLAIN_SECRETS,
        deps.clock(),
      );
      // The one answer with the secret: no view of a subscription carries it.
      return reply.code(201).send({ ...webhookView(webhook), secret });
    },
  );

  typed.get(
    '/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook subscriptions, oldest first',
        response: { 200: webhookListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      items: (await listSubscriptions(deps.store, request.workspaceId)).map(webhookView),
    }),
  );

  typed.get(
    '/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One webhook subscription',
        params: idParams,
        response: {
          200: jsonResponse('The subscription', webhookViewSchema),
          ...errorResponses(...BY_ID),
        },
      },
    },
    async (request) => {
      return webhookView(await getSubscription(deps.store, request.workspaceId, request.params.id));
    },
  );

  typed.patch(
    '/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change the URL or event types, or pause (enabled: false) and resume',
        params: idParams,
        body: webhookUpdateSchema,
        response: {
          200: jsonResponse('The changed subscription', webhookViewSchema),
          ...errorResponses(...WITH_BODY),
        },
      },
    },
    async (request) => {
      const patch = request.body;
      await checkUrl(patch.url, 'body.url');
      // What changed, the URL by its host only (a path may carry a token).
      auditTarget(request, `webhook:${request.params.id}`, {
        changed: Object.keys(patch).sort(),
        after: {
          ...(patch.url === undefined ? {} : { host: new URL(patch.url).host }),
          ...(patch.eventTypes === undefined ? {} : { eventTypes: patch.eventTypes }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
        },
      });
      const webhook = await changeSubscription(
        deps.store,
        request.workspaceId,
        request.params.id,
        patch,
        deps.clock(),
      );
      if (patch.enabled) deps.webhooks?.wake();
      return webhookView(webhook);
    },
  );

  typed.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a subscription with its deliveries; nothing more is sent to it',
        params: idParams,
        response: { 200: webhookDeletedSchema, ...errorResponses(...BY_ID) },
      },
    },
    async (request) => {
      auditTarget(request, `webhook:${request.params.id}`);
      await unsubscribe(deps.store, request.workspaceId, request.params.id);
      return { id: request.params.id, deleted: true as const };
    },
  );

  deliveryLogRoutes(app, deps, {
    base: '/v1/webhooks',
    tag: 'webhooks',
    noun: 'subscription',
    target: (id) => `webhook:${id}`,
    redeliverNote: ' (same webhook-id)',
    page: deliveryPage,
    get: getDelivery,
    redeliver,
    redeliverFailed,
  });
}
