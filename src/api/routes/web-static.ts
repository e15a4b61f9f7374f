// The dashboard at /: the Vite build in dist/web, with index.html for every other non-API path
// (the app routes in the browser); a hint to build it when there is none.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Paths the dashboard never answers: the API, its reference and the health check. */
const API_PATH = /^\/(v1(\/|$)|docs(\/|$)|openapi\.json$|health$)/;

/** dist/web seen from this file: compiled (dist/api/routes) or run from source (src/api/routes). */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../web'), resolve(here, '../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[1]!;
}

export async function webStaticRoutes(
  app: FastifyInstance,
  root: string = defaultWebRoot(),
): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built: run `npm run build`, then reload this page.\n'),
    );
    return;
  }
  // Vite names assets by content hash, so browsers may keep them for good.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
  });
  const sendIndex = (url: string, reply: FastifyReply) => {
    const path = url.split('?')[0] ?? '/';
    if (API_PATH.test(path)) {
      reply.callNotFound();
      return reply;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, {
      cacheControl: false,
    });
  };
  app.get('/', { schema: { hide: true } }, (request, reply) => sendIndex(request.url, reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => sendIndex(request.url, reply));
}
