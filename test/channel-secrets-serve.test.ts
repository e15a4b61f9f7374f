// `leadscore serve` and channel secrets at rest: a channel whose secrets were stored in clear
// (no LEADSCORE_SECRET_KEY then) is sealed when the server starts with a key, and another key,
// or none, stops the start naming the channel it cannot read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/api/server.js';
import { readConfig } from '../src/config.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const KEY = 'channel-secrets-test-key-0123456789abcdef';
const HOOK = 'https://hooks.slack.com/services/T0/B0/clearT0kenAtRest';

describe('leadscore serve and channel secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-channel-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const serve = (db: string, env: Record<string, string>, log: string[]) =>
    startServer(readConfig(env), {
      port: 0,
      host: '127.0.0.1',
      db,
      demo: false,
      log: (line) => log.push(line),
    });

  it('seals secrets stored in clear with the key, and will not start with another', async () => {
    const db = join(dir, 'serve.db');
    await (await serve(db, {}, [])).close();
    const store = openSqliteStore({ file: db });
    const ws = (await store.listWorkspaces())[0]!.id;
    const channel = await store.createChannel(
      ws,
      {
        kind: 'slack',
        name: 'Alerts',
        config: {},
        secrets: JSON.stringify({ webhookUrl: HOOK }),
        sync: null,
        createdBy: null,
      },
      1,
    );
    await store.close();

    const log: string[] = [];
    await (await serve(db, { LEADSCORE_SECRET_KEY: KEY }, log)).close();
    expect(log).toContain('channels: the secrets of 1 channels encrypted at rest');
    expect(log.join('\n')).not.toContain(HOOK);
    const raw = new Database(db);
    const row = raw.prepare('SELECT secrets FROM channels WHERE id = ?').get(channel.id) as {
      secrets: string;
    };
    raw.close();
    expect(row.secrets).toMatch(/^enc:v1:/);

    // Sealed already: the next start with the key has nothing to seal.
    const again: string[] = [];
    await (await serve(db, { LEADSCORE_SECRET_KEY: KEY }, again)).close();
    expect(again.join('\n')).not.toContain('channels: the secrets');
    await expect(serve(db, { LEADSCORE_SECRET_KEY: `${KEY}-another` }, [])).rejects.toThrow(
      `(channel ${channel.id})`,
    );
    await expect(serve(db, {}, [])).rejects.toThrow(`(channel ${channel.id})`);
  });
});
