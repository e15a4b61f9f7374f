// `leadscore serve` runs the daily digest: with LEADSCORE_DIGEST_HOUR set, a workspace that set
// nothing sends at its first round after the hour, to every e-mail channel; a restart the same
// day sends nothing again; closing the server stops the rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/api/server.js';
import { readConfig } from '../src/config.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { addChannel, ANN, digestsIn, handOver, HOUR, lead } from './digest-fixture.js';

describe('leadscore serve and the daily digest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-digest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends the day’s digest once from the server, not again after a restart', async () => {
    const db = join(dir, 'serve.db');
    const store = openSqliteStore({ file: db });
    await store.migrate();
    const ws = (await store.createWorkspace('digest', Date.now() - 100 * HOUR)).id;
    const mail = await addChannel(store, ws, 'email', 'mail');
    await store.transaction(async (tx) => {
      await lead(tx, ws, 'x', ANN);
      await handOver(tx, ws, 'x', Date.now() - HOUR);
    });
    await store.close();

    // Hour 0 in UTC: whatever the time now, today's hour has come.
    const env = { LEADSCORE_DIGEST_HOUR: '0', LEADSCORE_PUBLIC_URL: 'https://scores.example.com' };
    const serve = async () => {
      const log: string[] = [];
      const options = {
        port: 0,
        host: '127.0.0.1',
        db,
        demo: false,
        log: (l: string) => log.push(l),
      };
      return { server: await startServer(readConfig(env), options), log };
    };
    const first = await serve();
    await expect.poll(() => first.log).toContain('digest: 1 daily digests enqueued');
    await first.server.close();
    const second = await serve();
    await second.server.close();
    expect(second.log.filter((l) => l.startsWith('digest'))).toEqual([]);

    const after = openSqliteStore({ file: db });
    const sent = await digestsIn(after, ws, mail);
    expect(sent.map((d) => d.owner)).toEqual([ANN]);
    expect(sent[0]!.data.link).toBe('https://scores.example.com/my-leads');
    await after.close();
  });
});
