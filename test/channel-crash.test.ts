// Write-back survives a crash of `leadscore serve` on both stores (it runs the compiled dist/:
// `npm run build` first). The server's worker writes a HubSpot channel's leads to a local
// HubSpot (test/hubspot-mock.ts) that is down (503); the test scores leads in the same database
// itself, as another process would; the server is killed with SIGKILL while deliveries are
// pending, more changes are made while it is dead, and once restarted with HubSpot up every
// lead's latest state arrives and no delivery is left pending or failed.
import { describe, expect, it } from 'vitest';
import { HubspotMock } from './hubspot-mock.js';
import { crashTargets, until } from './crash-targets.js';
import { startServe } from './serve-process.js';
import { syncModel } from './sync-fixture.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { segmentMessages } from './segment-messages.js';

const ENV = {
  LEADSCORE_ADMIN_KEY: 'ls_admin_sync-crash-admin-key-0123456789',
  LEADSCORE_WRITE_KEY: 'ls_write_sync-crash-write-key-0123456789',
  LEADSCORE_WEBHOOK_POLL_MS: '25',
  LEADSCORE_WEBHOOK_TIMEOUT_MS: '2000',
  LEADSCORE_WEBHOOK_LEASE_MS: '15000',
  LEADSCORE_WEBHOOK_BACKOFF_BASE_MS: '20',
  LEADSCORE_WEBHOOK_BACKOFF_MAX_MS: '150',
  LEADSCORE_WEBHOOK_DISABLE_AFTER: '100000',
};
const LEADS = Array.from({ length: 12 }, (_, i) => `lead-${i}`);

const targets = crashTargets('synccrash');

describe.each(targets)('write-back across a crash on $name', ({ make }) => {
  it('writes every lead’s latest state after a SIGKILL and an outage', async () => {
    const target = await make();
    const env = { ...target.env, ...ENV };
    const hubspot = await HubspotMock.start();
    hubspot.down = true;
    const first = await startServe(target.db, env);
    const store = target.open();
    try {
      const [workspace] = await store.listWorkspaces();
      if (!workspace) throw new Error('the server made no workspace');
      const ws = workspace.id;
      const version = await store.addModel(
        ws,
        syncModel as unknown as Record<string, unknown>,
        Date.now(),
      );
      await store.activateModel(ws, version, Date.now());
      const channel = await store.createChannel(
        ws,
        {
          kind: 'hubspot',
          name: 'crm',
          config: { baseUrl: hubspot.url },
          secrets: JSON.stringify({ accessToken: hubspot.token }),
          sync: {},
          createdBy: null,
        },
        Date.now(),
      );
      const models = new ActiveModels();
      let n = 0;
      const track = async (event: string, leads: readonly string[]) => {
        const at = Date.now();
        const calls = leads.flatMap((id) => [
          { type: 'identify', userId: id, traits: { email: `${id}@example.com` } },
          { type: 'track', userId: id, event },
        ]);
        await ingestMessages(
          store,
          models,
          ws,
          segmentMessages(
            calls.map((c) => ({
              messageId: `c${++n}`,
              timestamp: new Date(at).toISOString(),
              ...c,
            })),
            at,
          ),
          at,
        );
      };
      const pending = async () =>
        (
          await store.listWebhookDeliveries(ws, channel.subscriptionId, {
            status: ['pending'],
            limit: 1000,
          })
        ).items.length;

      await track('Pricing Viewed', LEADS);
      await until('the server has met the outage', () => hubspot.outageCalls >= 3);
      await track('Pricing Viewed', LEADS.slice(0, 6));
      expect(await first.stop('SIGKILL')).toBeNull();
      // Changed while no server runs: the outbox keeps them.
      await track('Demo Requested', LEADS.slice(0, 3));
      expect(await pending()).toBeGreaterThan(0);

      hubspot.down = false;
      const second = await startServe(target.db, env);
      try {
        await until('nothing is pending', async () => (await pending()) === 0);
      } finally {
        expect(await second.stop('SIGTERM')).toBe(0);
      }
      const failed = await store.listWebhookDeliveries(ws, channel.subscriptionId, {
        status: ['failed'],
        limit: 10,
      });
      expect(failed.items).toEqual([]);
      const scores = await store.getScores(ws, LEADS);
      for (const lead of LEADS) {
        const score = scores.get(lead)!;
        expect(hubspot.contacts.get(`${lead}@example.com`)?.properties, lead).toMatchObject({
          leadscore_score: String(Math.round(score.score)),
          leadscore_segment: score.segment,
        });
      }
      expect(hubspot.contacts.get('lead-0@example.com')!.properties.leadscore_segment).toBe(
        'sales',
      );
      expect(hubspot.violations).toEqual([]);
    } finally {
      await store.close();
      await hubspot.close();
    }
  });
});
