// One case per audited route of the access table: how to call it once, and the entry it must write.
import type { LightMyRequestResponse as Response } from 'fastify';
import { ACCESS_TABLE } from '../src/api/access-table.js';
import { buildApp } from '../src/api/app.js';
import { handOver } from '../src/service/lifecycle/hand-over.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { form } from './import-api-context.js';
import { lead, mail, member, model, T0, type Setup } from './audit-context.js';

/** What one audited route is called with, and the entry it must write. */
export interface Case {
  prepare?(s: Setup): Promise<void>;
  call(s: Setup): Promise<Response>;
  status: number;
  target: string | null | ((s: Setup, res: Response) => Promise<string> | string);
  summary?: Record<string, unknown>;
  /** What the answer holds that the entry must not (besides keys' secrets). */
  secrets?(res: Response): string[];
}

/** A webhook with one delivery already sent (so that it can be sent again). */
async function webhookWithDelivery(s: Setup): Promise<{ webhook: string; delivery: string }> {
  const { store, a } = s;
  const hook = await store.createWebhook(
    a.ws,
    { url: 'https://crm.example/hook', eventTypes: ['lead.segment_changed'], secret: 'whsec_x' },
    T0,
  );
  await store.transaction((tx) =>
    tx.enqueueNotifications(a.ws, [
      { type: 'lead.segment_changed', leadId: 'u1', data: {}, at: T0 },
    ]),
  );
  const [claim] = await store.claimWebhookDeliveries({ now: T0, limit: 1, leaseMs: 30_000 });
  await store.recordWebhookAttempt(
    a.ws,
    claim!,
    {
      at: T0,
      statusCode: 200,
      error: null,
      latencyMs: 5,
      responseExcerpt: 'ok',
      outcome: 'succeeded',
      nextAttemptAt: null,
    },
    { disableAfter: 10, disabledReason: 'failing' },
  );
  return { webhook: hook.id, delivery: claim!.deliveryId };
}

/** A Slack channel with one message already sent (so that it can be sent again). */
async function channelWithDelivery(s: Setup): Promise<{ channel: string; delivery: string }> {
  const { store, a } = s;
  const channel = await store.createChannel(
    a.ws,
    {
      kind: 'slack',
      name: 'alerts',
      config: {},
      // Nothing listens on port 9: a test send fails at once.
      secrets: JSON.stringify({ webhookUrl: 'http://127.0.0.1:9/services/T0/B0/tok3n' }),
      sync: null,
      createdBy: null,
    },
    T0,
  );
  await store.transaction((tx) =>
    tx.enqueueNotifications(a.ws, [
      { type: 'channel.slack', channelId: channel.id, leadId: 'u1', data: {}, at: T0 },
    ]),
  );
  // The worker claims across workspaces: take them all, record this channel's.
  const claims = await store.claimWebhookDeliveries({ now: T0, limit: 1000, leaseMs: 30_000 });
  const claim = claims.find((c) => c.channelId === channel.id)!;
  await store.recordWebhookAttempt(
    a.ws,
    claim,
    {
      at: T0,
      statusCode: 200,
      error: null,
      latencyMs: 5,
      responseExcerpt: 'ok',
      outcome: 'succeeded',
      nextAttemptAt: null,
    },
    { disableAfter: 10, disabledReason: 'failing' },
  );
  return { channel: channel.id, delivery: claim.deliveryId };
}

const channelTarget = async (s: Setup) => `channel:${(await s.store.listChannels(s.a.ws))[0]!.id}`;

export const CASES: Record<string, Case> = {
  'POST /v1/channels': {
    call: (s) =>
      s.call('POST', '/v1/channels', {
        kind: 'slack',
        name: 'alerts',
        config: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/tok3n' },
      }),
    status: 201,
    target: channelTarget,
    summary: { kind: 'slack', name: 'alerts', sync: false },
  },
  'PATCH /v1/channels/:id': {
    call: async (s) => {
      const { channel } = await channelWithDelivery(s);
      return s.call('PATCH', `/v1/channels/${channel}`, {
        enabled: false,
        config: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/tok3n' },
      });
    },
    status: 200,
    target: channelTarget,
    summary: { changed: ['secrets.webhookUrl', 'enabled'], after: { enabled: false } },
  },
  'DELETE /v1/channels/:id': {
    call: async (s) => {
      const { channel } = await channelWithDelivery(s);
      return s.call('DELETE', `/v1/channels/${channel}`);
    },
    status: 200,
    target: (_s, res) => `channel:${res.json<{ id: string }>().id}`,
    summary: { kind: 'slack', name: 'alerts' },
  },
  'POST /v1/channels/:id/test': {
    call: async (s) => {
      const { channel } = await channelWithDelivery(s);
      return s.call('POST', `/v1/channels/${channel}/test`, {});
    },
    status: 200,
    target: channelTarget,
    summary: { ok: false },
  },
  'POST /v1/channels/:id/deliveries/:deliveryId/redeliver': {
    call: async (s) => {
      const { channel, delivery } = await channelWithDelivery(s);
      return s.call('POST', `/v1/channels/${channel}/deliveries/${delivery}/redeliver`);
    },
    status: 202,
    target: channelTarget,
  },
  'POST /v1/channels/:id/redeliver-failed': {
    call: async (s) => {
      const { channel } = await channelWithDelivery(s);
      return s.call('POST', `/v1/channels/${channel}/redeliver-failed`);
    },
    status: 202,
    target: channelTarget,
  },
  'POST /v1/users': {
    call: (s) => s.call('POST', '/v1/users', { email: mail(s, 'Ann'), role: 'marketer' }),
    status: 201,
    target: (s) => `user:${mail(s, 'ann')}`,
    summary: { after: { role: 'marketer' } },
    secrets: (res) => [new URL(res.json<{ link: { url: string } }>().link.url).search.slice(1)],
  },
  'PATCH /v1/users/:id': {
    call: async (s) => s.call('PATCH', `/v1/users/${await member(s)}`, { role: 'sales' }),
    status: 200,
    target: (s) => `user:${mail(s, 'bob')}`,
    summary: { before: { role: 'viewer', disabled: false }, after: { role: 'sales' } },
  },
  'DELETE /v1/users/:id': {
    call: async (s) => s.call('DELETE', `/v1/users/${await member(s)}`),
    status: 200,
    target: (s) => `user:${mail(s, 'bob')}`,
    summary: { before: { role: 'viewer', disabled: false } },
  },
  'PATCH /v1/leads/:id': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) =>
      s.call('PATCH', '/v1/leads/u1', { traits: { title: 'CTO', email: 'y@example.com' } }),
    status: 200,
    target: 'lead:u1',
    summary: { traits: ['email', 'title'] },
  },
  'DELETE /v1/leads/:id': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('DELETE', '/v1/leads/u1'),
    status: 200,
    target: 'lead:u1',
  },
  'POST /v1/leads/:id/feedback': {
    prepare: async (s) => {
      await lead(s);
      await s.store.transaction((tx) => handOver(tx, s.a.ws, 'u1', 'hot', T0));
    },
    call: (s) =>
      s.call('POST', '/v1/leads/u1/feedback', { decision: 'accepted', by: 'ana@example.com' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'accept', by: 'ana@example.com' },
  },
  'POST /v1/leads/:id/outcome': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/outcome', { outcome: 'lost', reason: 'budget' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'lose', reason: 'budget' },
  },
  'POST /v1/leads/:id/lifecycle': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/lifecycle', { stage: 'opportunity' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'advance', to: 'opportunity' },
  },
  'POST /v1/leads/:id/lifecycle/reset': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/lifecycle/reset', { stage: 'sql', reason: 'call' }),
    status: 200,
    target: 'lead:u1',
    summary: { action: 'reset', to: 'sql', reason: 'call' },
  },
  'POST /v1/leads/:id/adjustments': {
    prepare: (s) => lead(s).then(() => undefined),
    call: (s) => s.call('POST', '/v1/leads/u1/adjustments', { points: 10, reason: 'trade show' }),
    status: 201,
    target: 'lead:u1',
    summary: { points: 10, reason: 'trade show' },
  },
  'DELETE /v1/leads/:id/adjustments/:adjustmentId': {
    prepare: async (s) => {
      await lead(s);
      const made = { points: 10, reason: 'x', author: 'k', at: T0, expiresAt: null };
      await s.store.addAdjustment(s.a.ws, 'u1', { id: 'adj-1', ...made });
    },
    call: (s) => s.call('DELETE', '/v1/leads/u1/adjustments/adj-1'),
    status: 200,
    target: 'lead:u1',
    summary: { adjustment: 'adj-1' },
  },
  'POST /v1/imports': {
    call: (s) => {
      const body = form([
        {
          name: 'leads',
          filename: 'leads.csv',
          type: 'text/csv',
          content: 'id,email\nu7,u7@example.com\n',
        },
      ]);
      return s.app.inject({
        method: 'POST',
        url: '/v1/imports?dryRun=true',
        headers: { ...s.a.admin, 'content-type': body.type },
        payload: body.payload,
      });
    },
    status: 202,
    target: null,
    summary: { dryRun: true, files: ['leads'] },
  },
  'DELETE /v1/suppressions/:id': {
    prepare: (s) => s.store.suppressLead(s.a.ws, 'gone', T0).then(() => undefined),
    call: (s) => s.call('DELETE', '/v1/suppressions/gone'),
    status: 200,
    target: 'suppression:gone',
  },
  'POST /v1/models': {
    call: (s) => s.call('POST', '/v1/models', { ...model, name: 'second' }),
    status: 201,
    target: 'model:2',
    summary: { name: 'second' },
  },
  'POST /v1/models/:version/activate': {
    prepare: (s) => s.store.addModel(s.a.ws, { ...model }, T0).then(() => undefined),
    call: (s) => s.call('POST', '/v1/models/2/activate'),
    status: 202,
    target: 'model:2',
    summary: { before: { active: 1 }, after: { active: 2 } },
  },
  'POST /v1/catalog/refresh': {
    call: (s) => s.call('POST', '/v1/catalog/refresh'),
    status: 202,
    target: 'catalog',
  },
  'POST /v1/predictive/train': {
    call: (s) => s.call('POST', '/v1/predictive/train', { kind: 'lr' }),
    status: 202,
    target: null,
    summary: { request: { kind: 'lr' } },
  },
  'POST /v1/predictive/models/:version/activate': {
    prepare: (s) =>
      s.store
        .addPredictiveModel(
          s.a.ws,
          { kind: 'logistic', document: { weights: [0.5], bias: 0.1 }, metrics: { auc: 0.8 } },
          T0,
        )
        .then(() => undefined),
    // The stored document is no artifact, so no grade is read: activated with the override.
    call: (s) => s.call('POST', '/v1/predictive/models/1/activate', { override: true }),
    status: 200,
    target: 'predictive:1',
    summary: { after: { active: 1, override: true } },
  },
  'PUT /v1/predictive/schedule': {
    call: (s) =>
      s.call('PUT', '/v1/predictive/schedule', { everyDays: 14, rule: { maxAucDrop: 0.01 } }),
    status: 200,
    target: null,
    summary: { after: { everyDays: 14, rule: { maxAucDrop: 0.01 } } },
  },
  'POST /v1/predictive/deactivate': {
    call: (s) => s.call('POST', '/v1/predictive/deactivate'),
    status: 200,
    target: null,
    summary: { after: { active: null } },
  },
  'PUT /v1/digest': {
    call: (s) =>
      s.call('PUT', '/v1/digest', {
        channelIds: [],
        hour: 8,
        timeZone: 'Europe/Paris',
        waitingHours: 24,
      }),
    status: 200,
    target: 'digest',
    summary: { hour: 8, timeZone: 'Europe/Paris', waitingHours: 24, channelIds: [] },
  },
  'POST /v1/webhooks': {
    call: (s) =>
      s.call('POST', '/v1/webhooks', {
        url: 'https://hooks.example/services/T0/B0/tok3n',
        eventTypes: ['lead.segment_changed'],
      }),
    status: 201,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
    summary: { host: 'hooks.example', eventTypes: ['lead.segment_changed'] },
  },
  'PATCH /v1/webhooks/:id': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('PATCH', `/v1/webhooks/${webhook}`, { enabled: false });
    },
    status: 200,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
    summary: { changed: ['enabled'], after: { enabled: false } },
  },
  'DELETE /v1/webhooks/:id': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('DELETE', `/v1/webhooks/${webhook}`);
    },
    status: 200,
    target: null,
  },
  'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    call: async (s) => {
      const { webhook, delivery } = await webhookWithDelivery(s);
      return s.call('POST', `/v1/webhooks/${webhook}/deliveries/${delivery}/redeliver`);
    },
    status: 202,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
  },
  'POST /v1/webhooks/:id/redeliver-failed': {
    call: async (s) => {
      const { webhook } = await webhookWithDelivery(s);
      return s.call('POST', `/v1/webhooks/${webhook}/redeliver-failed`);
    },
    status: 202,
    target: async (s) => `webhook:${(await s.store.listWebhooks(s.a.ws))[0]!.id}`,
  },
  'POST /v1/channels/:id/backfill': {
    call: async (s) => {
      const channel = await s.store.createChannel(
        s.a.ws,
        { kind: 'hubspot', name: 'crm', config: {}, secrets: '{}', sync: {}, createdBy: null },
        T0,
      );
      return s.call('POST', `/v1/channels/${channel.id}/backfill`);
    },
    status: 202,
    target: async (s) => `channel:${(await s.store.listChannels(s.a.ws))[0]!.id}`,
  },
  'POST /v1/keys': {
    call: (s) => s.call('POST', '/v1/keys', { kind: 'write', name: 'website' }),
    status: 201,
    target: (_s, res) => `key:${res.json<{ id: string }>().id}`,
    summary: { kind: 'write', role: null, name: 'website' },
  },
  'DELETE /v1/keys/:id': {
    call: (s) => s.call('DELETE', `/v1/keys/${s.a.writeKeyId}`),
    status: 200,
    target: async (s) => `key:${s.a.writeKeyId}`,
  },
};

/** The audited routes of the access table that the app serves. */
export async function auditedRoutes(store: Store): Promise<string[]> {
  const app = await buildApp({ store, models: new ActiveModels(), clock: () => T0 });
  await app.ready();
  return Object.entries(ACCESS_TABLE)
    .filter(([, access]) => access.kind === 'management' && access.audit !== undefined)
    .map(([route]) => route)
    .filter((route) => {
      const [method, url] = route.split(' ') as [string, string];
      return app.hasRoute({ method: method as 'GET', url });
    });
}
