// `leadscore serve --demo` on a temporary database and a free port, with known keys and the demo
// users' password, for the dashboard's browser tests: started once per test file, stopped (and
// its files removed) after.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../run-cli.js';
import { ALLOW_PRIVATE_ENV } from '../webhook-receiver.js';

export const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef-0123456789';
export const WRITE_KEY = 'e2e-write-key-0123456789abcdef-0123456789';
/** The one password `serve --demo` gives its users (LEADSCORE_DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'leadscore-demo-password';
/** The demo's people, one of every role (two sales reps, who own the hottest demo leads). */
export const DEMO = {
  owner: 'owner@example.com',
  marketer: 'marketer@example.com',
  sales: 'sales1@example.com',
  otherSales: 'sales2@example.com',
  viewer: 'viewer@example.com',
} as const;

export interface DemoServer {
  url: string;
  /** The SQLite file it serves, for the CLI to change beside it. */
  db: string;
  /** An admin call to the API, for arranging and checking what the page shows. */
  admin<T>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
  /** A Segment call with the write key (HTTP Basic), as an SDK would send it. */
  send(type: 'track' | 'identify', message: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** `env` adds to (or overrides) the server's environment, e.g. single sign-on settings. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-e2e-'));
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/leadscore.js'),
      'serve',
      '--demo',
      '--db',
      join(dir, 'demo.db'),
      '--port',
      '0',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        LEADSCORE_ADMIN_KEY: ADMIN_KEY,
        LEADSCORE_WRITE_KEY: WRITE_KEY,
        LEADSCORE_DEMO_PASSWORD: DEMO_PASSWORD,
        // The automation test subscribes a loopback URL, which the SSRF guard refuses by default.
        ...ALLOW_PRIVATE_ENV,
        ...env,
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (found) resolve(found);
    });
    void exited.then(() => reject(new Error(`leadscore serve exited early:\n${log}`)));
  });

  const admin = async <T>(path: string, init: { method?: string; json?: unknown } = {}) => {
    const response = await fetch(url + path, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const send = async (type: 'track' | 'identify', message: Record<string, unknown>) => {
    const response = await fetch(`${url}/v1/${type}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`/v1/${type}: ${response.status} ${await response.text()}`);
  };

  return {
    url,
    db: join(dir, 'demo.db'),
    admin,
    send,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
