// `leadscore serve` as a process: a wrong setup (environment, database, port, --db path) is one
// line on stderr and exit code 1, never a stack trace; once running, it writes one JSON line
// per request on stdout.
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './run-cli.js';
import { startServe } from './serve-process.js';

/** Runs serve on a fresh SQLite file (unless DATABASE_URL is given) and waits for it to exit. */
async function serveFails(env: Record<string, string>, args: string[] = []) {
  const dir = await tempFiles({});
  return runCli(['serve', '--db', join(dir, 'leadscore.db'), ...args], dir, {
    DATABASE_URL: '',
    PORT: '',
    LEADSCORE_ADMIN_KEY: '',
    ...env,
  });
}

/** Exit code 1 and the error in one line, the last (a first start prints its keys before). */
function expectOneLine(result: { code: number | null; stderr: string }, ...names: RegExp[]) {
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(
    lines.filter((l) => l.startsWith('error')),
    result.stderr,
  ).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  for (const name of names) expect(lines.at(-1)).toMatch(name);
}

/** Nothing else before the error: the configuration is read first. */
function expectOnlyLine(result: { code: number | null; stderr: string }, ...names: RegExp[]) {
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expectOneLine(result, ...names);
}

describe('leadscore serve with a wrong setup', () => {
  it('says in one line that the admin key is too short', async () => {
    const result = await serveFails({ LEADSCORE_ADMIN_KEY: 'fourteen-chars' }, ['--port', '0']);
    expectOnlyLine(result, /^error: invalid environment: /, /LEADSCORE_ADMIN_KEY/);
    expect(result.stderr).not.toContain('fourteen-chars');
  });

  it('says in one line that PORT is not a port', async () => {
    expectOnlyLine(await serveFails({ PORT: 'abc' }), /PORT: expected a port number/);
  });

  it('says in one line that the PostgreSQL server cannot be reached, without its password', async () => {
    const result = await serveFails({ DATABASE_URL: 'postgres://me:pa55word@127.0.0.1:1/x' }, [
      '--port',
      '0',
    ]);
    expectOnlyLine(result, /DATABASE_URL/, /127\.0\.0\.1:1\/x/, /connection refused/);
    expect(result.stderr).not.toContain('pa55word');
  });

  it('says in one line that the port is in use', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await serveFails({}, ['--port', String(port), '--host', '127.0.0.1']);
      expectOneLine(result, new RegExp(`127\\.0\\.0\\.1:${port}`), /already in use/);
    } finally {
      taken.close();
    }
  });

  it('says in one line that the --db file cannot be opened', async () => {
    const dir = await tempFiles({ 'notes.db': 'not a database, only text '.repeat(40) });
    const missing = join(dir, 'no-such-folder', 'leadscore.db');
    expectOnlyLine(
      await runCli(['serve', '--db', missing, '--port', '0'], dir, { DATABASE_URL: '' }),
      /--db/,
      /no-such-folder.* does not exist/,
    );
    expectOnlyLine(
      await runCli(['serve', '--db', join(dir, 'notes.db'), '--port', '0'], dir, {
        DATABASE_URL: '',
      }),
      /notes\.db \(--db\): file is not a database/,
    );
  });
});

interface LogLine {
  msg: string;
  requestId?: string;
  statusCode?: number;
  route?: string;
}

describe('leadscore serve logs', () => {
  it('writes one JSON line per request on stdout, with its request id', async () => {
    const dir = await tempFiles({});
    const server = await startServe(join(dir, 'leadscore.db'), {
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    });
    try {
      const answers = [
        await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'edge-42' } }),
        await fetch(`${server.url}/v1/leads/u1`, { headers: { authorization: 'Bearer nope' } }),
        await fetch(`${server.url}/v1/no-such-route`),
      ];
      const ids = answers.map((a) => a.headers.get('x-request-id'));
      expect(ids[0]).toBe('edge-42');
      const requestLines = () =>
        server
          .output()
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as LogLine)
          .filter((l) => l.msg === 'request');
      // The line is written once the answer is sent, a moment after the client has it.
      for (let i = 0; i < 100 && requestLines().length < 3; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(requestLines().map((l) => [l.requestId, l.statusCode])).toEqual([
        [ids[0], 200],
        [ids[1], 401],
        [ids[2], 404],
      ]);
      expect(requestLines()[1]?.route).toBe('/v1/leads/:id');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
