// The test send of an e-mail channel over the API against a real SMTP server (smtp-server, started
// here): one message arrives, to the address asked for, from the channel's sender, after the
// server checked the channel's user and password. Runs once an e-mail sender is registered
// (CHANNEL_SENDERS.email); until then channels-api.test.ts covers a kind without a sender.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { CHANNEL_SENDERS } from '../src/service/channels/senders.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { secretBox } from '../src/service/secret-box.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const USER = 'leads';
const PASSWORD = 'smtp-pa55word-for-test';

interface Arrived {
  rcpt: string[];
  mail: ParsedMail;
}

describe.runIf(CHANNEL_SENDERS.email !== undefined).each(freshStores())(
  'an e-mail channel’s test send on $name',
  ({ open }) => {
    const arrived: Arrived[] = [];
    const logins: string[] = [];
    let smtp: SMTPServer;
    let port: number;

    beforeAll(async () => {
      smtp = new SMTPServer({
        // Plain SMTP on loopback: no certificate to make, and AUTH allowed without TLS.
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        authOptional: false,
        onAuth(auth, _session, done) {
          logins.push(`${auth.username}:${auth.password}`);
          if (auth.username === USER && auth.password === PASSWORD) done(null, { user: USER });
          else done(new Error('Invalid username or password'));
        },
        onData(stream, session, done) {
          const rcpt = session.envelope.rcptTo.map((r) => r.address);
          simpleParser(stream)
            .then((mail) => {
              arrived.push({ rcpt, mail });
              done();
            })
            .catch((error: Error) => done(error));
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
      port = (smtp.server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    });

    it('delivers one test message to the address asked for', async () => {
      const store = await open();
      const app = await buildApp({
        store,
        models: new ActiveModels(),
        clock: () => NOW,
        secrets: secretBox('s'.repeat(40)),
        webhooks: { wake: () => undefined, options: { blockPrivateNetworks: false } },
      });
      const made = await createWorkspaceWithKeys(store, 'mail', NOW);
      const headers = { authorization: `Bearer ${made.admin.secret}` };
      const created = await app.inject({
        method: 'POST',
        url: '/v1/channels',
        headers,
        payload: {
          kind: 'email',
          name: 'Mail',
          config: {
            host: '127.0.0.1',
            port,
            from: 'Leadscore <leads@example.com>',
            user: USER,
            password: PASSWORD,
          },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json<{ id: string }>();
      const before = arrived.length;
      const res = await app.inject({
        method: 'POST',
        url: `/v1/channels/${id}/test`,
        headers,
        payload: { to: 'rep@example.com' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, error: null });
      expect(res.body).not.toContain(PASSWORD);
      expect(logins).toContain(`${USER}:${PASSWORD}`);
      const mine = arrived.slice(before);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.rcpt).toEqual(['rep@example.com']);
      expect(mine[0]!.mail.from?.value[0]?.address).toBe('leads@example.com');
      expect(mine[0]!.mail.subject ?? '').not.toBe('');
    });
  },
);
