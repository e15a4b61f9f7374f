// What the server logs, over real stores: one JSON line per request, a real internal error with
// its stack under the request id that its answer and X-Request-Id header name, and no secret
// (keys, cookies) in any line.
import { connect, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import { dropTable, freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const COOKIE_SECRET = 'cookie-secret-4f9d1c';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
  workspaceId?: string;
  err?: { message: string; stack: string };
}

async function loggedApp(store: Store, level: 'info' | 'error' = 'info') {
  const lines: string[] = [];
  const app = await buildApp({
    store,
    models: new ActiveModels(),
    clock: () => NOW,
    logging: { level, stream: { write: (line) => void lines.push(line) } },
  });
  const made = await createWorkspaceWithKeys(store, 'logged', NOW);
  const parsed = () => lines.map((l) => JSON.parse(l) as LogLine);
  return { app, made, text: () => lines.join(''), parsed };
}

const requestLines = (lines: LogLine[]) => lines.filter((l) => l.msg === 'request');

/** What the server answers to raw bytes, read until it closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function inject(app: FastifyInstance, url: string, headers: Record<string, string>) {
  return app.inject({ method: 'GET', url, headers });
}

describe.each(freshStores())('request logs on $name', ({ open }) => {
  it('logs one line per request and an internal error with its stack under its request id, never a secret', async () => {
    const store = await open();
    const { app, made, text, parsed } = await loggedApp(store);
    const basic = `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}`;
    const bearer = { authorization: `Bearer ${made.admin.secret}`, cookie: `sid=${COOKIE_SECRET}` };

    const track = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: basic, cookie: `sid=${COOKIE_SECRET}` },
      payload: { userId: 'u1', messageId: 'm1', event: 'Email Opened' },
    });
    expect(track.statusCode).toBe(200);
    expect((await inject(app, '/v1/leads/u1', bearer)).statusCode).toBe(200);

    await dropTable(store, 'leads');
    const failed = await inject(app, '/v1/leads/u1?x=1', bearer);
    expect(failed.statusCode).toBe(500);
    const requestId = failed.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.json()).toEqual({
      error: { code: 'internal', message: 'internal error', requestId },
    });

    const lines = parsed();
    const requests = requestLines(lines);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({
      level: 30,
      method: 'POST',
      route: '/v1/track',
      url: '/v1/track',
      statusCode: 200,
      workspaceId: made.workspace.id,
    });
    expect(requests[2]).toMatchObject({
      method: 'GET',
      route: '/v1/leads/:id',
      url: '/v1/leads/u1',
      statusCode: 500,
      workspaceId: made.workspace.id,
      requestId,
    });
    for (const line of requests) expect(line.responseTime).toBeGreaterThanOrEqual(0);
    expect(new Set(requests.map((l) => l.requestId)).size).toBe(3);

    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.requestId).toBe(requestId);
    expect(errors[0]?.err?.message).toMatch(/leads/);
    expect(errors[0]?.err?.stack).toMatch(/\n\s+at /);

    const log = text();
    for (const secret of [made.admin.secret, made.write.secret, basic.slice(6), COOKIE_SECRET])
      expect(log).not.toContain(secret);
  });

  it('sends a request id with every answer, keeping a well-formed one the client sent', async () => {
    const store = await open();
    const { app, made, parsed } = await loggedApp(store);
    const admin = { authorization: `Bearer ${made.admin.secret}` };

    const given = await inject(app, '/v1/leads/nobody', { ...admin, 'x-request-id': 'lb-7f3a.01' });
    expect(given.statusCode).toBe(404);
    expect(given.headers['x-request-id']).toBe('lb-7f3a.01');
    expect(given.json().error).toMatchObject({ code: 'not_found', requestId: 'lb-7f3a.01' });

    for (const bad of ['has space', 'x'.repeat(65), 'a\u00e9b', '<script>']) {
      const res = await inject(app, '/health', { 'x-request-id': bad });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }

    const answers = [
      await inject(app, '/v1/no-such-route', {}),
      await inject(app, '/v1/leads/u1', {}),
      await inject(app, '/v1/leads/%E0%A4%A', admin),
      await app.inject({ method: 'POST', url: '/v1/track', payload: '{', headers: admin }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([404, 401, 400, 400]);
    for (const res of answers) {
      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json().error.requestId).toBe(id);
    }
    const requests = requestLines(parsed());
    expect(requests).toHaveLength(9);
    expect(requests.at(-4)).toMatchObject({ url: '/v1/no-such-route', statusCode: 404 });
    expect(requests.at(-3)).toMatchObject({ route: '/v1/leads/:id', statusCode: 401 });
    expect(requests.at(-3)?.workspaceId).toBeUndefined();
  });

  it("answers requests Node's HTTP parser refuses with a coded body, a request id and a log line", async () => {
    const store = await open();
    const { app, parsed } = await loggedApp(store);
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as AddressInfo;
      const answers = [
        await rawExchange(
          port,
          `GET /v1/leads?search=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`,
        ),
        await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n'),
      ];
      const expected = [
        [431, 'headers_too_large'],
        [400, 'invalid_request'],
      ];
      const lines = requestLines(parsed());
      answers.forEach((answer, i) => {
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        const id = /^x-request-id: (\S+)$/im.exec(head)?.[1];
        expect(head.split(' ')[1], answer).toBe(String(expected[i]![0]));
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(JSON.parse(body)).toMatchObject({
          error: { code: expected[i]![1], requestId: id },
        });
        expect(
          lines.filter((l) => l.requestId === id),
          `log line of ${id}`,
        ).toEqual([expect.objectContaining({ statusCode: expected[i]![0] })]);
      });
    } finally {
      await app.close();
    }
  });

  it('LOG_LEVEL=error keeps the internal errors and leaves out the request lines', async () => {
    const store = await open();
    const { app, made, parsed } = await loggedApp(store, 'error');
    const admin = { authorization: `Bearer ${made.admin.secret}` };
    expect((await inject(app, '/v1/leads', admin)).statusCode).toBe(200);
    await dropTable(store, 'leads');
    expect((await inject(app, '/v1/leads/u1', admin)).statusCode).toBe(500);
    const lines = parsed();
    expect(lines.map((l) => l.level)).toEqual([50]);
  });
});
