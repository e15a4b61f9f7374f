// Two servers on one database, each with its own store connections and key cache: a key revoked
// through one is refused by the other within a second, on both stores (one SQLite file opened
// twice; one PostgreSQL database).
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys, issueKey } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

/** The README's promise: refused everywhere within this of the revocation being answered. */
const WITHIN_MS = 1000;

describe.each(freshStores())('revocation across two servers on $name', ({ openShared }) => {
  it('a key revoked through server A is refused by server B within a second', async () => {
    const db = await openShared();
    const clock = () => Date.now();
    const a = await buildApp({ store: db.store, models: new ActiveModels(), clock });
    const b = await buildApp({ store: db.another(), models: new ActiveModels(), clock });
    const made = await createWorkspaceWithKeys(db.store, 'w', clock());
    const doomed = await issueKey(db.store, made.workspace.id, 'admin', clock());
    const listKeys = (app: typeof a, secret: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/keys',
        headers: { authorization: `Bearer ${secret}` },
      });
    const track = (secret: string) =>
      b.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
        payload: { userId: 'u1', event: 'Email Opened' },
      });

    // B has just found both keys (and remembers them) when A revokes them.
    expect((await listKeys(b, doomed.secret)).statusCode).toBe(200);
    expect((await track(made.write.secret)).statusCode).toBe(200);
    const revoke = (id: string) =>
      a.inject({
        method: 'DELETE',
        url: `/v1/keys/${id}`,
        headers: { authorization: `Bearer ${made.admin.secret}` },
      });
    const revoked = await Promise.all([revoke(doomed.key.id), revoke(made.write.key.id)]);
    expect(revoked.map((r) => r.statusCode)).toEqual([200, 200]);
    const deadline = performance.now() + WITHIN_MS;

    const refusedByB = async () =>
      (await listKeys(b, doomed.secret)).statusCode === 401 &&
      (await track(made.write.secret)).statusCode === 401;
    let refused = await refusedByB();
    while (!refused && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      refused = await refusedByB();
    }
    expect(refused, `B still accepted a revoked key ${WITHIN_MS} ms after A revoked it`).toBe(true);
    // Once refused, it stays refused; the keys left alive still work on B.
    expect((await listKeys(b, doomed.secret)).statusCode).toBe(401);
    expect((await listKeys(b, made.admin.secret)).statusCode).toBe(200);
    await a.close();
    await b.close();
  });
});
