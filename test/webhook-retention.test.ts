// Webhook retention on real stores: what is older than the period and done goes, in chunks;
// what is recent or still to be delivered stays.
import { describe, expect, it } from 'vitest';
import { pruneWebhooks } from '../src/service/webhooks/retention.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');

async function deliverAll(store: Store, at: number) {
  for (;;) {
    const claimed = await store.claimWebhookDeliveries({ now: at, limit: 50, leaseMs: 60_000 });
    if (claimed.length === 0) return;
    for (const c of claimed)
      await store.recordWebhookAttempt(
        c.workspaceId,
        c,
        {
          outcome: 'succeeded',
          at,
          statusCode: 204,
          error: null,
          latencyMs: 5,
          responseExcerpt: null,
          nextAttemptAt: null,
        },
        { disableAfter: 20, disabledReason: 'x' },
      );
  }
}

describe.each(freshStores())('webhook retention on $name', ({ open }) => {
  it('deletes delivered messages older than the period, in chunks, and keeps the rest', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('r', NOW - 90 * DAY)).id;
    const sub = await store.createWebhook(
      ws,
      { url: 'https://example.com/h', eventTypes: ['lead.segment_changed'], secret: 'whsec_eA==' },
      NOW - 90 * DAY,
    );
    const note = (lead: string, daysAgo: number) => ({
      type: 'lead.segment_changed' as const,
      leadId: lead,
      data: { daysAgo },
      at: NOW - daysAgo * DAY,
    });
    // Five old messages of five leads, delivered; one recent; one old but never delivered.
    await store.transaction((tx) =>
      tx.enqueueNotifications(
        ws,
        [40, 41, 42, 43, 44].map((d, i) => note(`old${i}`, d)),
      ),
    );
    await store.transaction((tx) => tx.enqueueNotifications(ws, [note('recent', 1)]));
    await deliverAll(store, NOW);
    await store.transaction((tx) => tx.enqueueNotifications(ws, [note('waiting', 45)]));

    expect(await pruneWebhooks(store, NOW, 30, 2)).toBe(5);
    const left = await store.listWebhookDeliveries(ws, sub.id, { limit: 20 });
    expect(left.items.map((d) => d.leadId).sort()).toEqual(['recent', 'waiting']);
    expect(await pruneWebhooks(store, NOW, 30)).toBe(0);
  });
});
