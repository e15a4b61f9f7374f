// Webhook subscriptions as the management API keeps them: subscribed with a signing secret
// (given, or made here) sealed before it is stored; listed, read, changed, paused and deleted,
// an unknown subscription answering StoreError 'not_found' in the API's words.
import { StoreError, type Store, type Webhook, type WebhookPatch } from '../../store/port.js';
import type { SecretBox } from '../secret-box.js';
import { noteAudit } from '../audit/audit-scope.js';
import { generateSecret } from './secret.js';

const notFound = (id: string) => new StoreError('not_found', `no webhook "${id}"`);

/** The store's not_found names its own ids; the answer names the subscription asked for. */
export function rethrowWebhookNotFound(id: string) {
  return (error: unknown): never => {
    if (error instanceof StoreError && error.code === 'not_found') throw notFound(id);
    throw error;
  };
}

/** The new subscription and its secret in clear: the one time the secret is answered. */
export async function subscribe(
  store: Store,
  ws: string,
  request: Pick<Webhook, 'url' | 'eventTypes'> & { secret?: string | undefined },
  box: SecretBox,
  now: number,
): Promise<{ webhook: Webhook; secret: string }> {
  const secret = request.secret ?? generateSecret();
  const { url, eventTypes } = request;
  const webhook = await store.transaction(async (tx) => {
    const made = await tx.createWebhook(ws, { url, eventTypes, secret: box.seal(secret) }, now);
    // The host only: a webhook URL may carry a token in its path (Slack's do).
    noteAudit(`webhook:${made.id}`, { host: new URL(url).host, eventTypes });
    return made;
  });
  return { webhook, secret };
}

/** Oldest first. */
export function listSubscriptions(store: Store, ws: string): Promise<Webhook[]> {
  return store.listWebhooks(ws);
}

export async function getSubscription(store: Store, ws: string, id: string): Promise<Webhook> {
  const webhook = await store.getWebhook(ws, id);
  if (!webhook) throw notFound(id);
  return webhook;
}

/** A subscription paused here says so, unlike one disabled after a run of failed attempts. */
export function changeSubscription(
  store: Store,
  ws: string,
  id: string,
  patch: Pick<WebhookPatch, 'url' | 'eventTypes' | 'enabled'>,
  now: number,
): Promise<Webhook> {
  const change: WebhookPatch =
    patch.enabled === false ? { ...patch, disabledReason: 'disabled over the API' } : patch;
  return store.updateWebhook(ws, id, change, now).catch(rethrowWebhookNotFound(id));
}

/** With its deliveries: nothing more is sent to it. */
export async function unsubscribe(store: Store, ws: string, id: string): Promise<void> {
  if (!(await store.deleteWebhook(ws, id))) throw notFound(id);
}
