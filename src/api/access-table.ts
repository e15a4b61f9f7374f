// Who may call each route: the one table the API enforces (src/api/access.ts) and the role
// matrix test walks. A route missing here is refused at startup, so none can escape it.
import type { Permission } from '../service/auth/permissions.js';

export interface ManagementAccess {
  kind: 'management';
  permission: Permission;
  /** The audit action recorded when the call changes state (absent for reads). */
  audit?: string;
  /** The route's `:id` is a lead id; roles limited to their own leads are checked against it. */
  leadParam?: 'id';
}

/** Ingestion: a write key (or an API key of a role that may write leads); never a cookie. */
export interface IngestAccess {
  kind: 'ingest';
}

/** No credentials: health, the dashboard's files, the API document, sign-in itself. */
export interface PublicAccess {
  kind: 'public';
}

/** A signed-in person, whatever the role (their own session, profile and workspaces). */
export interface SessionAccess {
  kind: 'session';
}

export type RouteAccess = ManagementAccess | IngestAccess | PublicAccess | SessionAccess;

const m = (permission: Permission, audit?: string, leadParam?: 'id'): ManagementAccess => ({
  kind: 'management',
  permission,
  ...(audit ? { audit } : {}),
  ...(leadParam ? { leadParam } : {}),
});
const INGEST: IngestAccess = { kind: 'ingest' };
const PUBLIC: PublicAccess = { kind: 'public' };
const SESSION: SessionAccess = { kind: 'session' };

const SEGMENT_CALLS = ['identify', 'track', 'page', 'group', 'alias'];

/** `METHOD /path` as Fastify registers it (HEAD follows GET). */
export const ACCESS_TABLE: Readonly<Record<string, RouteAccess>> = {
  'GET /health': PUBLIC,
  'GET /openapi.json': PUBLIC,
  'GET /': PUBLIC,
  'GET /*': PUBLIC,
  'GET /assets/*': PUBLIC,
  // The API reference (@fastify/swagger-ui) and CORS preflights of the ingestion routes.
  ...Object.fromEntries(
    [
      '',
      '/',
      '/static/index.html',
      '/static/swagger-initializer.js',
      '/static/*',
      '/json',
      '/yaml',
    ].map((path) => [`GET /docs${path}`, PUBLIC]),
  ),
  'OPTIONS *': PUBLIC,

  ...Object.fromEntries(
    SEGMENT_CALLS.flatMap((call) => [
      [`POST /v1/${call}`, INGEST],
      [`POST /v1/${call.charAt(0)}`, INGEST],
    ]),
  ),
  'POST /v1/batch': INGEST,
  'POST /v1/b': INGEST,

  'POST /v1/auth/login': PUBLIC,
  'POST /v1/auth/link': PUBLIC,
  'POST /v1/auth/logout': SESSION,
  'GET /v1/auth/me': SESSION,
  'GET /v1/auth/providers': PUBLIC,
  'GET /v1/auth/oidc/start': PUBLIC,
  'GET /v1/auth/oidc/callback': PUBLIC,

  'GET /v1/leads': m('leads.read'),
  'GET /v1/leads/:id': m('leads.read'),
  'GET /v1/leads/:id/history': m('leads.read'),
  'GET /v1/leads/:id/events': m('leads.read'),
  'GET /v1/leads/:id/lifecycle': m('leads.read'),
  'PATCH /v1/leads/:id': m('leads.write', 'lead.update'),
  'DELETE /v1/leads/:id': m('leads.erase', 'lead.erase'),
  'POST /v1/leads/:id/feedback': m('leads.act', 'lead.feedback', 'id'),
  'POST /v1/leads/:id/outcome': m('leads.act', 'lead.outcome', 'id'),
  'POST /v1/leads/:id/lifecycle': m('leads.act', 'lead.lifecycle_move', 'id'),
  'POST /v1/leads/:id/lifecycle/reset': m('leads.act', 'lead.lifecycle_reset', 'id'),
  'GET /v1/leads/:id/adjustments': m('leads.read'),
  'POST /v1/leads/:id/adjustments': m('leads.act', 'lead.adjust', 'id'),
  'DELETE /v1/leads/:id/adjustments/:adjustmentId': m('leads.act', 'lead.adjust_remove', 'id'),
  'GET /v1/accounts': m('leads.read'),
  'GET /v1/accounts/:id': m('leads.read'),

  'GET /v1/leads/export': m('data.export'),
  'GET /v1/accounts/export': m('data.export'),
  'POST /v1/imports': m('data.import', 'import.start'),
  'POST /v1/imports/preview': m('data.import'),
  'GET /v1/imports/:id/rejects': m('data.import'),

  'GET /v1/suppressions': m('leads.erase'),
  'DELETE /v1/suppressions/:id': m('leads.erase', 'suppression.lift'),

  'POST /v1/models': m('models.write', 'model.create'),
  'GET /v1/models': m('models.read'),
  'GET /v1/models/:version': m('models.read'),
  'GET /v1/models/:version/diff': m('models.read'),
  'POST /v1/models/:version/activate': m('models.write', 'model.activate'),
  'POST /v1/models/backtest': m('models.read'),
  'GET /v1/catalog': m('models.read'),
  'POST /v1/catalog/refresh': m('models.write', 'catalog.refresh'),

  'GET /v1/reports/handover': m('analytics.read'),
  'GET /v1/reports/distribution': m('analytics.read'),
  'GET /v1/reports/funnel': m('analytics.read'),
  'GET /v1/transitions': m('analytics.read'),
  'POST /v1/analytics': m('analytics.read'),
  'POST /v1/suggest': m('analytics.read'),

  'POST /v1/predictive/train': m('predictive.write', 'predictive.train'),
  'GET /v1/predictive/models': m('predictive.read'),
  'GET /v1/predictive/models/:version': m('predictive.read'),
  'POST /v1/predictive/models/:version/activate': m('predictive.write', 'predictive.activate'),
  'POST /v1/predictive/deactivate': m('predictive.write', 'predictive.deactivate'),
  'GET /v1/predictive/drift': m('predictive.read'),
  'GET /v1/predictive/schedule': m('predictive.read'),
  'PUT /v1/predictive/schedule': m('predictive.write', 'predictive.schedule'),
  'GET /v1/predictive/retraining': m('predictive.read'),

  'POST /v1/webhooks': m('automation.write', 'webhook.create'),
  'GET /v1/webhooks': m('automation.read'),
  'GET /v1/webhooks/:id': m('automation.read'),
  'PATCH /v1/webhooks/:id': m('automation.write', 'webhook.update'),
  'DELETE /v1/webhooks/:id': m('automation.write', 'webhook.delete'),
  'GET /v1/webhooks/:id/deliveries': m('automation.read'),
  'GET /v1/webhooks/:id/deliveries/:deliveryId': m('automation.read'),
  'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': m(
    'automation.write',
    'webhook.redeliver',
  ),
  'POST /v1/webhooks/:id/redeliver-failed': m('automation.write', 'webhook.redeliver_failed'),
  'POST /v1/channels': m('automation.write', 'channel.create'),
  'GET /v1/channels': m('automation.read'),
  'GET /v1/channels/:id': m('automation.read'),
  'PATCH /v1/channels/:id': m('automation.write', 'channel.update'),
  'DELETE /v1/channels/:id': m('automation.write', 'channel.delete'),
  'POST /v1/channels/:id/test': m('automation.write', 'channel.test'),
  'GET /v1/channels/:id/deliveries': m('automation.read'),
  'GET /v1/channels/:id/deliveries/:deliveryId': m('automation.read'),
  'POST /v1/channels/:id/deliveries/:deliveryId/redeliver': m(
    'automation.write',
    'channel.redeliver',
  ),
  'POST /v1/channels/:id/redeliver-failed': m('automation.write', 'channel.redeliver_failed'),
  'GET /v1/digest': m('automation.read'),
  'PUT /v1/digest': m('automation.write', 'digest.update'),
  'POST /v1/channels/:id/backfill': m('automation.write', 'channel.backfill'),

  'GET /v1/jobs': m('jobs.read'),
  'GET /v1/jobs/:id': m('jobs.read'),

  'GET /v1/keys': m('keys.manage'),
  'POST /v1/keys': m('keys.manage', 'key.create'),
  'DELETE /v1/keys/:id': m('keys.manage', 'key.revoke'),

  'GET /v1/users': m('users.manage'),
  'POST /v1/users': m('users.manage', 'user.invite'),
  'PATCH /v1/users/:id': m('users.manage', 'user.update'),
  'DELETE /v1/users/:id': m('users.manage', 'user.remove'),

  'GET /v1/audit': m('audit.read'),
};
