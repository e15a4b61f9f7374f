// Write-back to HubSpot with @hubspot/api-client: contacts upserted by e-mail in batches of at
// most 100 (POST /crm/v3/objects/contacts/batch/upsert, idProperty email), or updated by their
// stored contact id when the lead has no e-mail (POST /crm/v3/objects/contacts/batch/update);
// the custom properties are created on set-up. The client retries nothing (the outbox does).
// https://developers.hubspot.com/docs/api/crm/contacts
import { Client } from '@hubspot/api-client';
import type { ChannelAttempt } from './channel-dispatch.js';
import type { HubspotConfig, HubspotSecrets, SyncSettings } from './kind-settings.js';
import { hubspotConfigSchema, syncSettingsSchema } from './kind-settings.js';
import { ensureHubspotProperties, forgetHubspotSetUp, statusOf } from './hubspot-properties.js';
import type { ChannelSender, OpenChannel } from './sender-types.js';
import {
  attemptOf,
  networkFailure,
  SYNC_CALL_TIMEOUT_MS,
  withTimeout,
  type HttpAnswer,
} from './sync-answer.js';
import { sendSync, type LeadWrite, type RemoteIds } from './sync-batch.js';
import type { LeadSyncState } from './sync-state.js';

const BATCH = 100;

type Properties = Record<string, string>;

function clientOf(open: OpenChannel): Client {
  const config: HubspotConfig = hubspotConfigSchema.parse(open.channel.config);
  const { accessToken } = open.secrets as HubspotSecrets;
  return new Client({ accessToken, basePath: config.baseUrl, numberOfApiCallRetries: 0 });
}

const readyKey = (open: OpenChannel) => `${open.channel.id}@${open.channel.updatedAt}`;

/** HubSpot properties are strings; an empty one clears the value. */
const propertiesOf = (state: LeadSyncState): Properties =>
  Object.fromEntries(
    Object.entries(state.properties).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );

/** An @hubspot/api-client error as an answer (it carries the status, headers and body). */
function answerOf(error: unknown, latencyMs: number): HttpAnswer | undefined {
  const status = statusOf(error);
  if (status === undefined) return undefined;
  const e = error as { headers?: Record<string, string>; body?: unknown };
  return {
    status,
    retryAfter: e.headers?.['retry-after'] ?? null,
    body: typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? ''),
    latencyMs,
  };
}

function failureOf(error: unknown, started: number): ChannelAttempt {
  const latency = Date.now() - started;
  const answer = answerOf(error, latency);
  return answer ? attemptOf(answer, Date.now()) : networkFailure(error, latency);
}

/** A refusal that may be about one record (not the token, not the account): worth a split. */
const recordLevel = (a: ChannelAttempt) =>
  a.permanent === true && (a.statusCode === 400 || a.statusCode === 404 || a.statusCode === 422);

/** Chunks of at most BATCH with no e-mail twice in one (HubSpot refuses duplicate ids). */
function chunks(states: readonly LeadSyncState[]): LeadSyncState[][] {
  const out: { items: LeadSyncState[]; emails: Set<string> }[] = [];
  for (const state of states) {
    const email = state.email!.toLowerCase();
    let chunk = out.find((c) => c.items.length < BATCH && !c.emails.has(email));
    if (!chunk) out.push((chunk = { items: [], emails: new Set() }));
    chunk.items.push(state);
    chunk.emails.add(email);
  }
  return out.map((c) => c.items);
}

async function upsertByEmail(
  client: Client,
  chunk: readonly LeadSyncState[],
): Promise<Map<string, LeadWrite>> {
  const results = new Map<string, LeadWrite>();
  const started = Date.now();
  try {
    const answer = await withTimeout(
      client.crm.contacts.batchApi.upsert({
        inputs: chunk.map((s) => ({
          idProperty: 'email',
          id: s.email!,
          properties: propertiesOf(s),
        })),
      }),
      SYNC_CALL_TIMEOUT_MS,
      'HubSpot batch upsert',
    );
    const latencyMs = Date.now() - started;
    const byEmail = new Map(
      answer.results.map((r) => [String(r.properties.email ?? '').toLowerCase(), r.id]),
    );
    // A 207 names the inputs it refused in each error's context (their e-mails).
    const refused = new Map<string, string>();
    for (const e of 'errors' in answer ? (answer.errors ?? []) : [])
      for (const values of Object.values(e.context ?? {}))
        for (const v of values) refused.set(v.toLowerCase(), `${e.category}: ${e.message}`);
    const byIndex = refused.size === 0 && answer.results.length === chunk.length;
    chunk.forEach((s, i) => {
      const email = s.email!.toLowerCase();
      const id = byEmail.get(email) ?? (byIndex ? answer.results[i]?.id : undefined);
      const why = refused.get(email);
      const attempt: ChannelAttempt = id
        ? { statusCode: 200, error: null, latencyMs, responseExcerpt: `contact ${id}` }
        : {
            statusCode: 207,
            error: why ? `HubSpot refused the contact: ${why}` : 'HubSpot answered nothing for it',
            latencyMs,
            responseExcerpt: null,
            // Refused by name: for good; left out without a word: tried again.
            permanent: why !== undefined,
          };
      results.set(s.leadId, id ? { attempt, remoteId: id } : { attempt });
    });
    return results;
  } catch (error) {
    const attempt = failureOf(error, started);
    // A 4xx for the batch names no record: each is sent alone to find which one it is.
    if (recordLevel(attempt) && chunk.length > 1) {
      for (const s of chunk)
        for (const [id, write] of await upsertByEmail(client, [s])) results.set(id, write);
      return results;
    }
    for (const s of chunk) results.set(s.leadId, { attempt });
    return results;
  }
}

async function updateById(
  client: Client,
  items: readonly { state: LeadSyncState; id: string }[],
): Promise<Map<string, LeadWrite>> {
  const results = new Map<string, LeadWrite>();
  const started = Date.now();
  try {
    await withTimeout(
      client.crm.contacts.batchApi.update({
        inputs: items.map(({ state, id }) => ({ id, properties: propertiesOf(state) })),
      }),
      SYNC_CALL_TIMEOUT_MS,
      'HubSpot batch update',
    );
    const latencyMs = Date.now() - started;
    for (const { state, id } of items)
      results.set(state.leadId, {
        attempt: { statusCode: 200, error: null, latencyMs, responseExcerpt: `contact ${id}` },
        remoteId: id,
      });
  } catch (error) {
    const attempt = failureOf(error, started);
    if (recordLevel(attempt) && items.length > 1) {
      for (const item of items)
        for (const [id, write] of await updateById(client, [item])) results.set(id, write);
      return results;
    }
    for (const { state } of items) results.set(state.leadId, { attempt });
  }
  return results;
}

async function writeHubspot(
  open: OpenChannel,
  states: readonly LeadSyncState[],
  remoteIds: RemoteIds,
  settings: SyncSettings,
): Promise<Map<string, LeadWrite>> {
  const client = clientOf(open);
  const results = new Map<string, LeadWrite>();
  const started = Date.now();
  try {
    await ensureHubspotProperties(client, readyKey(open), settings);
  } catch (error) {
    const attempt = failureOf(error, started);
    for (const s of states) results.set(s.leadId, { attempt });
    return results;
  }
  const byEmail = states.filter((s) => s.email !== null);
  const byId: { state: LeadSyncState; id: string }[] = [];
  for (const s of states) {
    if (s.email !== null) continue;
    const id = remoteIds.get(s.leadId);
    if (id) byId.push({ state: s, id });
    else
      results.set(s.leadId, {
        attempt: {
          statusCode: null,
          error: 'not sent: the lead has no e-mail and no HubSpot contact id is known for it',
          latencyMs: 0,
          responseExcerpt: null,
          permanent: true,
        },
      });
  }
  for (const chunk of chunks(byEmail))
    for (const [id, write] of await upsertByEmail(client, chunk)) results.set(id, write);
  for (let i = 0; i < byId.length; i += BATCH)
    for (const [id, write] of await updateById(client, byId.slice(i, i + BATCH)))
      results.set(id, write);
  if ([...results.values()].some((r) => r.attempt.permanent)) forgetHubspotSetUp(readyKey(open));
  return results;
}

export const hubspotSender: ChannelSender = {
  send: (open, deliveries, context) =>
    sendSync(open, deliveries, context, (states, remoteIds, settings) =>
      writeHubspot(open, states, remoteIds, settings),
    ),
  async test(open) {
    const started = Date.now();
    const settings = syncSettingsSchema.parse(open.channel.sync ?? {});
    try {
      // Reads the properties (proving the token) and creates the missing ones: no contact changes.
      await ensureHubspotProperties(clientOf(open), readyKey(open), settings);
      return {
        statusCode: 200,
        error: null,
        latencyMs: Date.now() - started,
        responseExcerpt: 'the token works; the leadscore contact properties exist',
      };
    } catch (error) {
      return failureOf(error, started);
    }
  },
};
