// The audit trail over the management API (owners only, see the access table): who changed what,
// when and from where, filtered and paged. Read-only: no route updates or deletes an entry.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAuditEntries } from '../../service/audit/audit-list.js';
import type { AppDeps } from '../deps.js';
import { auditPageSchema, auditQuerySchema } from '../schemas/audit.js';
import { errorResponses } from '../schemas/error.js';

const millis = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: every management change, newest first (owners only)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { actor, action, target, from, to, limit, after } = request.query;
      return listAuditEntries(
        deps.store,
        request.workspaceId,
        { actor, action, target, from: millis(from), to: millis(to) },
        { limit, cursor: after, field: 'querystring.after' },
      );
    },
  );
}
