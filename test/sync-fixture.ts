// Write-back tests' common parts: a store with a scoring model, leads made through the real
// ingest pipeline (identify with an e-mail, then events that move their score), a sync channel,
// and the delivery worker with the real channel dispatch on a clock the test moves.
import { parseModel } from '../src/core/parse-model.js';
import { channelDispatch } from '../src/service/channels/dispatch.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { WebhookWorker } from '../src/service/webhooks/worker.js';
import type { ChannelKind, Store, WebhookDeliveryStatus } from '../src/store/port.js';
import { segmentMessages } from './segment-messages.js';

export const T0 = Date.parse('2026-04-01T08:00:00Z');

export const syncModel = parseModel(`
name: sync
engagement:
  halfLifeDays: 14
  rules:
    - { id: visit, event: Pricing Viewed, points: 10 }
    - { id: demo, event: Demo Requested, points: 60 }
segments:
  - id: sales
    min: 60
    stage: bofu
    qualified: true
    actions:
      - { type: assign, owners: [ann@acme.io] }
  - { id: warm, min: 15, stage: mofu }
  - { id: cold, stage: tofu }
`);

export interface SyncWorld {
  store: Store;
  ws: string;
  /** The workspace's admin key as a request header. */
  admin: Record<string, string>;
  now: { at: number };
  /** Identifies the leads (with an e-mail unless `null`) and sends the events. */
  track(leads: readonly { id: string; email?: string | null; events?: string[] }[]): Promise<void>;
  channel(
    kind: ChannelKind,
    config: Record<string, unknown>,
    secrets: Record<string, unknown>,
    sync?: Record<string, unknown>,
  ): Promise<string>;
  worker(log?: string[]): WebhookWorker;
  /** The channel's deliveries by status. */
  statuses(channelId: string): Promise<Record<WebhookDeliveryStatus, number>>;
  deliveries(
    channelId: string,
  ): Promise<
    { leadId: string | null; status: string; lastError: string | null; excerpt: string | null }[]
  >;
}

export async function syncWorld(store: Store): Promise<SyncWorld> {
  const now = { at: T0 };
  const made = await createWorkspaceWithKeys(store, 'w', T0);
  const ws = made.workspace.id;
  const version = await store.addModel(ws, syncModel as unknown as Record<string, unknown>, T0);
  await store.activateModel(ws, version, T0);
  const models = new ActiveModels();
  let n = 0;
  const channels = new Map<string, string>();
  const deliveries: SyncWorld['deliveries'] = async (channelId) => {
    const sub = channels.get(channelId)!;
    const out: Awaited<ReturnType<SyncWorld['deliveries']>> = [];
    let before: string | null = null;
    do {
      const page = await store.listWebhookDeliveries(ws, sub, { limit: 100, before });
      for (const d of page.items) {
        const detail = await store.getWebhookDelivery(ws, sub, d.id);
        const last = detail?.attempts[detail.attempts.length - 1];
        out.push({
          leadId: d.leadId,
          status: d.status,
          lastError: last?.error ?? null,
          excerpt: last?.responseExcerpt ?? null,
        });
      }
      before = page.next;
    } while (before !== null);
    return out;
  };
  return {
    store,
    ws,
    admin: { authorization: `Bearer ${made.admin.secret}` },
    now,
    async track(leads) {
      const calls: Record<string, unknown>[] = [];
      for (const lead of leads) {
        calls.push({
          type: 'identify',
          userId: lead.id,
          traits:
            lead.email === null
              ? { name: lead.id }
              : { email: lead.email ?? `${lead.id}@example.com` },
        });
        for (const event of lead.events ?? [])
          calls.push({ type: 'track', userId: lead.id, event });
      }
      const at = now.at;
      await ingestMessages(
        store,
        models,
        ws,
        segmentMessages(
          calls.map((c) => ({ messageId: `m${++n}`, timestamp: new Date(at).toISOString(), ...c })),
          at,
        ),
        at,
      );
    },
    async channel(kind, config, secrets, sync = {}) {
      const channel = await store.createChannel(
        ws,
        {
          kind,
          name: `${kind}-${channels.size}`,
          config,
          secrets: JSON.stringify(secrets),
          sync,
          createdBy: null,
        },
        now.at,
      );
      channels.set(channel.id, channel.subscriptionId);
      return channel.id;
    },
    worker(log = []) {
      const clock = () => now.at;
      return new WebhookWorker(
        {
          store,
          clock,
          random: () => 0.5,
          log: (line) => log.push(line),
          channels: channelDispatch({
            store,
            clock,
            publicUrl: () => undefined,
            log: (l) => log.push(l),
          }),
        },
        { concurrency: 2, blockPrivateNetworks: false },
      );
    },
    async statuses(channelId) {
      const counts = { pending: 0, succeeded: 0, failed: 0 };
      for (const d of await deliveries(channelId)) counts[d.status as WebhookDeliveryStatus]++;
      return counts;
    },
    deliveries,
  };
}
