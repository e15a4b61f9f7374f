// Serving the dashboard build: files, the index for app paths, JSON 404s for API paths, and a
// hint to build when there is no build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/api/errors.js';
import { defaultWebRoot, webStaticRoutes } from '../../src/api/routes/web-static.js';

async function appOver(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandling(app);
  app.get('/v1/leads', async () => ({ items: [] }));
  await app.register((scope) => webStaticRoutes(scope, root));
  return app;
}

describe('web-static', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'leadscore-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>leadscore</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    app = await appOver(root);
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the index at / and at any dashboard path, never cached', async () => {
    for (const url of ['/', '/leads', '/leads/L0001?x=1', '/model']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<title>leadscore</title>');
    }
  });

  it('serves hashed assets for good', async () => {
    const res = await app.inject({ url: '/assets/index-abc.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/immutable/);
  });

  it('leaves API paths to the API: unknown ones stay JSON 404s', async () => {
    expect((await app.inject({ url: '/v1/leads' })).json()).toEqual({ items: [] });
    for (const url of ['/v1/nothing', '/v1', '/health', '/openapi.json', '/docs/x']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await app.inject({ method: 'POST', url: '/leads' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('says how to build the dashboard when there is no build', async () => {
    const bare = await appOver(join(root, 'no-such-dir'));
    const res = await bare.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
    expect((await bare.inject({ url: '/leads' })).statusCode).toBe(404);
    await bare.close();
  });

  it('finds dist/web from the source tree', () => {
    expect(defaultWebRoot()).toMatch(/dist[/\\]web$/);
  });
});
