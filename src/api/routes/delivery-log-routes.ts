// The delivery log of an outbox queue over the API, the same for a webhook subscription and a
// channel: a page of its deliveries, one with every attempt, redelivering one, redelivering every
// failed one. Each resource says how its id reaches the store (the service functions).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DeliveryPageQuery } from '../../service/webhooks/delivery-log.js';
import { StoreError } from '../../store/errors.js';
import type {
  Store,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
} from '../../store/port.js';
import { WEBHOOK_DELIVERY_STATUSES } from '../../store/webhook-records.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  deliveryDetailView,
  deliveryView,
  redeliveredSchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryViewSchema,
} from '../schemas/webhook-delivery.js';

const BY_ID = [400, 401, 403, 404] as const;
const WITH_BODY = [...BY_ID, 413, 415] as const;

export interface DeliveryLog {
  /** `/v1/webhooks` or `/v1/channels`: the routes are `${base}/:id/deliveries...`. */
  base: string;
  tag: string;
  /** What `:id` names, for the documentation: "subscription", "channel". */
  noun: string;
  /** The audit target of a resource id (`webhook:ID`). */
  target: (id: string) => string;
  /** Said of redelivery in its summary (e.g. that the webhook-id stays). */
  redeliverNote?: string;
  page(
    store: Store,
    ws: string,
    id: string,
    query: DeliveryPageQuery,
  ): Promise<WebhookDeliveryPage>;
  get(store: Store, ws: string, id: string, deliveryId: string): Promise<WebhookDeliveryDetail>;
  redeliver(
    store: Store,
    ws: string,
    id: string,
    deliveryId: string,
    now: number,
  ): Promise<WebhookDelivery>;
  redeliverFailed(store: Store, ws: string, id: string, now: number): Promise<number>;
}

export function deliveryLogRoutes(app: FastifyInstance, deps: AppDeps, log: DeliveryLog): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.object({ id: z.string().min(1).describe(`The ${log.noun} id`) });
  const deliveryParams = idParams.extend({
    deliveryId: z.string().min(1).describe('The delivery id'),
  });

  typed.get(
    `${log.base}/:id/deliveries`,
    {
      schema: {
        tags: [log.tag],
        summary: `Deliveries of a ${log.noun}, newest first, with cursor pagination`,
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
      const page = await log
        .page(deps.store, request.workspaceId, request.params.id, request.query)
        .catch((error: unknown) => {
          // The store reads only the cursor; the answer names where the caller gave it.
          if (error instanceof StoreError && error.code === 'invalid')
            throw new ApiError('invalid_request', `querystring.cursor: ${error.message}`);
          throw error;
        });
      return { items: page.items.map(deliveryView), next: page.next };
    },
  );

  typed.get(
    `${log.base}/:id/deliveries/:deliveryId`,
    {
      schema: {
        tags: [log.tag],
        summary: `One delivery of a ${log.noun} with every attempt: status, latency, response excerpt`,
        params: deliveryParams,
        response: { 200: webhookDeliveryDetailSchema, ...errorResponses(...BY_ID) },
      },
    },
    async (request) => {
      const { id, deliveryId } = request.params;
      return deliveryDetailView(await log.get(deps.store, request.workspaceId, id, deliveryId));
    },
  );

  typed.post(
    `${log.base}/:id/deliveries/:deliveryId/redeliver`,
    {
      schema: {
        tags: [log.tag],
        summary: `Send a finished delivery again${log.redeliverNote ?? ''}, after any pending of its lead`,
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
      auditTarget(request, log.target(id), { delivery: deliveryId });
      const delivery = await log.redeliver(
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
    `${log.base}/:id/redeliver-failed`,
    {
      schema: {
        tags: [log.tag],
        summary: `Send every failed delivery of the ${log.noun} again, each lead in order`,
        params: idParams,
        response: { 202: redeliveredSchema, ...errorResponses(...WITH_BODY) },
      },
    },
    async (request, reply) => {
      auditTarget(request, log.target(request.params.id));
      const redelivered = await log.redeliverFailed(
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
