// Builds the HTTP app from its dependencies (no listen): routes as plugins, coded errors,
// OpenAPI generated from the same zod schemas the routes validate with, served at /openapi.json
// and browsable at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { auditedStore } from '../service/audit/audited-store.js';
import { installAuditTrail } from './audit-trail.js';
import { installAccess } from './access.js';
import { answerClientError } from './client-errors.js';
import type { AppDeps } from './deps.js';
import { frameworkErrors, installErrorHandling } from './errors.js';
import { installJsonBody } from './json-body.js';
import { loggerOptions, OneLinePerRequest } from './logging.js';
import { requestIdOf, sendRequestIds } from './request-id.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { backtestRoutes } from './routes/backtests.js';
import { channelRoutes } from './routes/channels.js';
import { exportRoutes } from './routes/exports.js';
import { predictiveRoutes } from './routes/predictive.js';
import { predictiveRetrainingRoutes } from './routes/predictive-retraining.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { leadRoutes } from './routes/leads.js';
import { leadEventRoutes } from './routes/lead-events.js';
import { keyRoutes } from './routes/keys.js';
import { jobRoutes } from './routes/jobs.js';
import { importRoutes } from './routes/imports.js';
import { transitionRoutes } from './routes/transitions.js';
import { lifecycleRoutes } from './routes/lifecycle.js';
import { adjustmentRoutes } from './routes/adjustments.js';
import { oidcRoutes } from './routes/oidc.js';
import { modelRoutes } from './routes/models.js';
import { reportRoutes } from './routes/reports.js';
import { suppressionRoutes } from './routes/suppressions.js';
import { catalogRoutes } from './routes/catalog.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';
import { digestRoutes } from './routes/digest.js';
import { channelBackfillRoutes } from './routes/channel-backfill.js';
import { webStaticRoutes } from './routes/web-static.js';
import { refuseUnstorableParams } from './safe-params.js';
import { installCookies } from './session-cookie.js';
import { finishDocument } from './schemas/document.js';
import { SECURITY_SCHEMES } from './schemas/security.js';

export async function buildApp(given: AppDeps): Promise<FastifyInstance> {
  // The routes' store writes each management change's audit entry in the change's transaction.
  const deps: AppDeps = { ...given, store: auditedStore(given.store) };
  const app = Fastify({
    logger: deps.logging ? loggerOptions(deps.logging) : false,
    logController: new OneLinePerRequest(),
    genReqId: requestIdOf,
    // Lead ids are Segment userIds, which may be long.
    routerOptions: { maxParamLength: 4096 },
    frameworkErrors,
    clientErrorHandler: answerClientError,
    ...(deps.trustProxy === undefined ? {} : { trustProxy: deps.trustProxy }),
  });
  sendRequestIds(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  refuseUnstorableParams(app);
  // Cookies are parsed first (onRequest too), then the gate runs: after the params check (it may
  // look a lead up), before any route is registered.
  await installCookies(app);
  installAccess(app, deps);
  installJsonBody(app);
  installAuditTrail(app, given.store, deps.clock);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'leadscore',
        version: '0.1.0',
        description:
          'Explainable lead scoring: Segment-compatible ingestion and the management API.',
      },
      components: {
        securitySchemes: SECURITY_SCHEMES,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: finishDocument,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register((scope) => healthRoutes(scope, deps));
  await app.register((scope) => ingestRoutes(scope, deps));
  await app.register((scope) => leadRoutes(scope, deps));
  await app.register((scope) => lifecycleRoutes(scope, deps));
  await app.register((scope) => adjustmentRoutes(scope, deps));
  await app.register((scope) => reportRoutes(scope, deps));
  await app.register((scope) => modelRoutes(scope, deps));
  await app.register((scope) => backtestRoutes(scope, deps));
  await app.register((scope) => predictiveRoutes(scope, deps));
  await app.register((scope) => predictiveRetrainingRoutes(scope, deps));
  await app.register((scope) => accountRoutes(scope, deps));
  await app.register((scope) => webhookRoutes(scope, deps));
  await app.register((scope) => channelRoutes(scope, deps));
  await app.register((scope) => digestRoutes(scope, deps));
  await app.register((scope) => channelBackfillRoutes(scope, deps));
  await app.register((scope) => leadEventRoutes(scope, deps));
  await app.register((scope) => keyRoutes(scope, deps));
  await app.register((scope) => authRoutes(scope, deps));
  await app.register((scope) => userRoutes(scope, deps));
  await app.register((scope) => jobRoutes(scope, deps));
  await app.register((scope) => importRoutes(scope, deps));
  await app.register((scope) => transitionRoutes(scope, deps));
  await app.register((scope) => suppressionRoutes(scope, deps));
  await app.register((scope) => catalogRoutes(scope, deps));
  await app.register((scope) => exportRoutes(scope, deps));
  await app.register((scope) => oidcRoutes(scope, deps));
  await app.register((scope) => auditRoutes(scope, deps));
  await app.register((scope) => webStaticRoutes(scope, deps.webRoot));
  return app;
}
