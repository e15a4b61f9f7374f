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
import { StoreError } from '../../store/errors.js';
import { WEBHOOK_DELIVERY_STATUSES } from '../../store/webhook-records.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
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
import {
  deliveryDetailView,
  deliveryView,
  redeliveredSchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryViewSchema,
} from '../schemas/webhook-delivery.js';

const idParams = z.object({ id: z.string().min(1).describe('The subscription id') });
const deliveryParams = idParams.extend({
  deliveryId: z.string().min(1).describe('The delivery id'),
});
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

  typed.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Deliveries of a subscription, newest first, with cursor pagination',
        params: idParams,
        querystring: z.object({
          status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().min(1).optional().describe('The `next` of the previous page'),
        }),
        response: { 200: webhookDeliveryPageSchema, ...errorResponses(...BY_ID) },
      },
    },
    async (request) => {
      const page = await deliveryPage(
        deps.store,
        request.workspaceId,
        request.params.id,
        request.query,
      ).catch((error: unknown) => {
        // The store reads only the cursor; the answer names where the caller gave it.
        if (error instanceof StoreError && error.code === 'invalid')
          throw new ApiError('invalid_request', `querystring.cursor: ${error.message}`);
        throw error;
      });
      return { items: page.items.map(deliveryView), next: page.next };
    },
  );

  typed.get(
    '/v1/webhooks/:id/deliveries/:deliveryId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'One delivery with every attempt: status, latency, response excerpt',
        params: deliveryParams,
        response: { 200: webhookDeliveryDetailSchema, ...errorResponses(...BY_ID) },
      },
    },
    async (request) => {
      const { id, deliveryId } = request.params;
      return deliveryDetailView(await getDelivery(deps.store, request.workspaceId, id, deliveryId));
    },
  );

  typed.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a finished delivery again (same webhook-id), after any pending of its lead',
        params: deliveryParams,
        response: {
          202: jsonResponse('Accepted: the delivery is pending again', webhookDeliveryViewSchema),
          409: jsonResponse('The delivery is still pending', apiErrorSchema),
          ...errorResponses(...WITH_BODY),
        },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      auditTarget(request, `webhook:${id}`, { delivery: deliveryId });
      const delivery = await redeliver(
        deps.store,
        request.workspaceId,
        id,
        deliveryId,
        deps.clock(),
      );
      deps.webhooks?.wake();
      return reply.code(202).send(deliveryView(delivery));
    },
  );

  typed.post(
    '/v1/webhooks/:id/redeliver-failed',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send every failed delivery of the subscription again, each lead in order',
        params: idParams,
        response: { 202: redeliveredSchema, ...errorResponses(...WITH_BODY) },
      },
    },
    async (request, reply) => {
      auditTarget(request, `webhook:${request.params.id}`);
      const redelivered = await redeliverFailed(
        deps.store,
        request.workspaceId,
        request.params.id,
        deps.clock(),
      );
      deps.webhooks?.wake();
      return reply.code(202).send({ redelivered });
    },
  );
}
