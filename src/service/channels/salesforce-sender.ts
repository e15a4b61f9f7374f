// Write-back to Salesforce: after a jsforce login (salesforce-session.ts), each lead's Lead (not
// converted) or Contact is found by Email (one SOQL query per batch) and updated through sObject
// Collections (PATCH /services/data/vXX.X/composite/sobjects, at most 200 records a call,
// allOrNone false: one answer per record). The field names are the configured ones as custom
// field API names: `leadscore_score` is written to `leadscore_score__c` (a name that already ends
// in __c is kept). The two REST calls are made with fetch rather than jsforce's
// `sobject().update()`, to read each answer's status and Retry-After as the outbox needs them.
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
import type { ChannelAttempt } from './channel-dispatch.js';
import {
  forgetSalesforceSession,
  SalesforceLoginRefused,
  salesforceSession,
  type SalesforceSession,
} from './salesforce-session.js';
import type { ChannelSender, OpenChannel } from './sender-types.js';
import { attemptOf, networkFailure, SYNC_CALL_TIMEOUT_MS } from './sync-answer.js';
import { sendSync, type LeadWrite, type RemoteIds } from './sync-batch.js';
import type { LeadSyncState } from './sync-state.js';

const COLLECTION = 200;

export const customField = (name: string): string => (name.endsWith('__c') ? name : `${name}__c`);

/** A SOQL string literal. */
const soql = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

type Call = { ok: true; body: unknown; latencyMs: number } | { ok: false; attempt: ChannelAttempt };

async function call(
  open: OpenChannel,
  session: SalesforceSession,
  path: string,
  init: { method: 'GET' | 'PATCH'; body?: unknown },
): Promise<Call> {
  const started = Date.now();
  try {
    const response = await fetch(`${session.dataUrl}${path}`, {
      method: init.method,
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(SYNC_CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    const latencyMs = Date.now() - started;
    if (response.ok) return { ok: true, body: text === '' ? null : JSON.parse(text), latencyMs };
    if (response.status === 401) forgetSalesforceSession(open);
    const attempt = attemptOf(
      {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: text,
        latencyMs,
      },
      Date.now(),
    );
    // An expired session is not the record's fault: logged in again on the next attempt.
    return {
      ok: false,
      attempt: response.status === 401 ? { ...attempt, permanent: false } : attempt,
    };
  } catch (error) {
    return { ok: false, attempt: networkFailure(error, Date.now() - started) };
  }
}

/** The record Id of each e-mail (lower-cased); a Lead only while not converted. */
async function idsByEmail(
  open: OpenChannel,
  session: SalesforceSession,
  emails: readonly string[],
): Promise<{ ok: true; ids: Map<string, string> } | { ok: false; attempt: ChannelAttempt }> {
  const ids = new Map<string, string>();
  if (emails.length === 0) return { ok: true, ids };
  const where = `Email IN (${emails.map(soql).join(', ')})${session.object === 'Lead' ? ' AND IsConverted = false' : ''}`;
  const q = `SELECT Id, Email FROM ${session.object} WHERE ${where} ORDER BY LastModifiedDate DESC`;
  const answer = await call(open, session, `/query?q=${encodeURIComponent(q)}`, { method: 'GET' });
  if (!answer.ok) return answer;
  const records = (answer.body as { records?: { Id: string; Email: string | null }[] }).records;
  for (const r of records ?? []) {
    const email = (r.Email ?? '').toLowerCase();
    if (email !== '' && !ids.has(email)) ids.set(email, r.Id);
  }
  return { ok: true, ids };
}

type RecordAnswer = {
  id?: string;
  success: boolean;
  errors?: { statusCode?: string; message?: string }[];
};

/** Errors of one record that a later attempt may not meet (a lock, a busy org). */
const TRANSIENT = new Set(['UNABLE_TO_LOCK_ROW', 'REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE']);

async function update(
  open: OpenChannel,
  session: SalesforceSession,
  items: readonly { state: LeadSyncState; id: string }[],
  results: Map<string, LeadWrite>,
): Promise<void> {
  const records = items.map(({ state, id }) => ({
    attributes: { type: session.object },
    id,
    ...Object.fromEntries(Object.entries(state.properties).map(([k, v]) => [customField(k), v])),
  }));
  const answer = await call(open, session, '/composite/sobjects', {
    method: 'PATCH',
    body: { allOrNone: false, records },
  });
  if (!answer.ok) {
    for (const { state } of items) results.set(state.leadId, { attempt: answer.attempt });
    return;
  }
  const list = Array.isArray(answer.body) ? (answer.body as RecordAnswer[]) : [];
  items.forEach(({ state, id }, i) => {
    const one = list[i];
    if (one?.success)
      return results.set(state.leadId, {
        attempt: {
          statusCode: 200,
          error: null,
          latencyMs: answer.latencyMs,
          responseExcerpt: `${session.object} ${id}`,
        },
        remoteId: id,
      });
    const errors = one?.errors ?? [];
    const text = errors.map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`).join('; ');
    results.set(state.leadId, {
      attempt: {
        statusCode: 200,
        error: `${session.object} ${id} not updated: ${text || 'no answer for this record'}`,
        latencyMs: answer.latencyMs,
        responseExcerpt: JSON.stringify(one ?? null).slice(0, 500),
        permanent: !errors.some((e) => TRANSIENT.has(e.statusCode ?? '')),
      },
    });
  });
}

function loginFailure(error: unknown): ChannelAttempt {
  return {
    statusCode: null,
    error: error instanceof Error ? error.message : String(error),
    latencyMs: 0,
    responseExcerpt: null,
    permanent: error instanceof SalesforceLoginRefused,
  };
}

async function writeSalesforce(
  open: OpenChannel,
  states: readonly LeadSyncState[],
  remoteIds: RemoteIds,
): Promise<Map<string, LeadWrite>> {
  const results = new Map<string, LeadWrite>();
  let session: SalesforceSession;
  try {
    session = await salesforceSession(open);
  } catch (error) {
    for (const s of states) results.set(s.leadId, { attempt: loginFailure(error) });
    return results;
  }
  const emails = [...new Set(states.filter((s) => s.email).map((s) => s.email!.toLowerCase()))];
  const found = await idsByEmail(open, session, emails);
  if (!found.ok) {
    for (const s of states) results.set(s.leadId, { attempt: found.attempt });
    return results;
  }
  const items: { state: LeadSyncState; id: string }[] = [];
  for (const state of states) {
    const id =
      (state.email && found.ids.get(state.email.toLowerCase())) || remoteIds.get(state.leadId);
    if (id) items.push({ state, id });
    else
      results.set(state.leadId, {
        attempt: {
          statusCode: null,
          error: state.email
            ? `not sent: no ${session.object} with the e-mail ${state.email} in Salesforce`
            : `not sent: the lead has no e-mail and no Salesforce ${session.object} id is known for it`,
          latencyMs: 0,
          responseExcerpt: null,
          permanent: true,
        },
      });
  }
  for (let i = 0; i < items.length; i += COLLECTION)
    await update(open, session, items.slice(i, i + COLLECTION), results);
  return results;
}

export const salesforceSender: ChannelSender = {
  send: (open, deliveries, context) =>
    sendSync(open, deliveries, context, (states, remoteIds) =>
      writeSalesforce(open, states, remoteIds),
    ),
  async test(open) {
    const started = Date.now();
    try {
      const session = await salesforceSession(open);
      // Reads the object's description: proves the login and the API, changes nothing.
      const answer = await call(open, session, `/sobjects/${session.object}/describe`, {
        method: 'GET',
      });
      if (!answer.ok) return answer.attempt;
      return {
        statusCode: 200,
        error: null,
        latencyMs: Date.now() - started,
        responseExcerpt: `logged in; ${session.object} can be read`,
      };
    } catch (error) {
      return loginFailure(error);
    }
  },
};
