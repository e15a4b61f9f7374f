// Liveness and the store behind it, for load balancers and people.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { storeHealth } from '../../service/health.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { healthSchema } from '../schemas/health.js';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        response: { 200: healthSchema, ...errorResponses() },
      },
    },
    async () => {
      const store = await storeHealth(deps.store);
      return {
        status: 'ok' as const,
        store,
        time: new Date(deps.clock()).toISOString(),
      };
    },
  );
}
