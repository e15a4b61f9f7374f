// Liveness and the store behind it, for load balancers and people.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness' } }, async () => {
    await deps.store.listWorkspaces();
    return { status: 'ok', store: deps.store.kind, time: new Date(deps.clock()).toISOString() };
  });
}
