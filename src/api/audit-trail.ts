// The audit trail of the management API: every route whose access-table entry names an `audit`
// action gets an audit scope (src/service/audit/audit-scope.ts) for the time it runs. The audited
// store writes the entry in the transaction that makes the change; an entry still owed when the
// route answers 2xx is written then, in a transaction of its own, so nothing acknowledged goes
// unrecorded. A refused or failed request (4xx, 5xx) records nothing it did not commit.
// Every audited route's service writes through the routes' (audited) store, so the after-answer
// write happens only for a call that changed nothing (a role set to the role it was, a predictive
// model deactivated when none was active): the attempt is recorded.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuditScope, runInAuditScope, type AuditActor } from '../service/audit/audit-scope.js';
import { actorName, type Principal } from '../service/auth/principal.js';
import type { NewAuditEntry, Store } from '../store/port.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The audit entry this request owes; null for routes that record none. */
    audit: AuditScope | null;
  }
}

/** The audit action of the route the request matched, if it records one. */
function auditAction(request: FastifyRequest): string | undefined {
  const access = request.routeOptions.config.access;
  return access?.kind === 'management' ? access.audit : undefined;
}

function actorOf(principal: Principal, ip: string): AuditActor {
  return {
    actorKind: principal.kind,
    actorId: principal.kind === 'user' ? principal.userId : principal.keyId,
    actorName: actorName(principal),
    ip,
  };
}

/**
 * Sets the target and summary of the request's audit entry (no-op for routes without one).
 * Call it before the service's transaction commits when it can (from the request), or let the
 * service call noteAudit inside its transaction for what only it knows.
 */
export function auditTarget(
  request: FastifyRequest,
  target: string | null,
  summary: NewAuditEntry['summary'] = {},
): void {
  request.audit?.describe(target, summary);
}

/**
 * Who a lead's feedback, lifecycle move or outcome is recorded as done by: a signed-in user always
 * as itself; a key as the person its automation names (`by`), else as the key.
 */
export function actedBy(request: FastifyRequest, by: string | null | undefined): string | null {
  const principal = request.principal;
  if (principal?.kind === 'user') return principal.email;
  return by ?? request.audit?.actorName ?? null;
}

/**
 * Installs the hooks on the root instance, after the access gate and before the routes. `store`
 * is the store itself, not the audited wrapper the routes use.
 */
export function installAuditTrail(app: FastifyInstance, store: Store, clock: () => number): void {
  app.decorateRequest('audit', null);
  // Once the access gate (onRequest) has set the principal; a callback hook, so that the handler
  // runs inside the scope.
  app.addHook('preHandler', (request, _reply, done) => {
    const action = auditAction(request);
    const principal = request.principal;
    if (!action || !principal) return done();
    const scope = new AuditScope(
      principal.workspaceId,
      action,
      actorOf(principal, request.ip),
      clock,
    );
    request.audit = scope;
    runInAuditScope(scope, () => done());
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const scope = request.audit;
    if (!scope) return payload;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    const entry = ok ? scope.claim() : undefined;
    scope.close();
    if (entry) {
      await store.transaction((tx) => tx.appendAudit(scope.ws, entry));
      scope.settle(true);
    }
    return payload;
  });
  app.addHook('onResponse', async (request) => request.audit?.close());
}
