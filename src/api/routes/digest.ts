// The daily digest's settings over the management API: read them (the defaults while unset) and
// set them (hour, time zone, channels, waiting threshold).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { digestSettingsOf, setDigestSettings } from '../../service/digest/digest-settings.js';
import type { AppDeps } from '../deps.js';
import { errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  digestSettingsBodySchema,
  digestSettingsView,
  digestSettingsViewSchema,
} from '../schemas/digest.js';

export async function digestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const defaults = { hour: deps.digestHour ?? null };

  typed.get(
    '/v1/digest',
    {
      schema: {
        tags: ['automation'],
        summary: "The daily digest's settings (the defaults while the workspace has set none)",
        response: { 200: digestSettingsViewSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) =>
      digestSettingsView(await digestSettingsOf(deps.store, request.workspaceId, defaults)),
  );

  typed.put(
    '/v1/digest',
    {
      schema: {
        tags: ['automation'],
        summary: "Set the daily digest's hour, time zone, channels and waiting threshold",
        body: digestSettingsBodySchema,
        response: {
          200: jsonResponse('The settings as stored', digestSettingsViewSchema),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    async (request) => {
      const stored = await setDigestSettings(
        deps.store,
        request.workspaceId,
        request.body,
        deps.clock(),
      );
      return digestSettingsView(stored);
    },
  );
}
