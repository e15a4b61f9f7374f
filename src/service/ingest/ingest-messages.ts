// Stores accepted Segment messages and brings every affected lead's score up to date, all in
// one transaction: when this resolves, the calls are durable and scored; if it throws, none is.
// Calls naming an id an erasure suppressed are refused in that transaction, the others stored.
import {
  deriveMessageId,
  type IdentifyMessage,
  type PageMessage,
  type SegmentMessage,
  type TrackMessage,
} from '../../ingest/segment/index.js';
import type { Store, StoreTx } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { refreshAccounts } from '../accounts/account-scoring.js';
import { refit, rescoreLead } from '../scoring/lead-scoring.js';
import { callToStore } from '../scoring/stored-events.js';
import { ingestEventRun, type RunCall } from './ingest-event-run.js';
import { refuseSuppressed, type Refusal } from './suppressed-calls.js';

export type IngestOutcome =
  | {
      messageId: string;
      /** `duplicate`: this messageId was stored before, so the call changed nothing. */
      status: 'stored' | 'duplicate';
    }
  | ({
      messageId: string;
      /** Refused, nothing stored: the call names an id an erasure suppressed. */
      status: 'suppressed';
    } & Refusal);

export async function ingestMessages(
  store: Store,
  models: ActiveModels,
  ws: string,
  messages: readonly SegmentMessage[],
  now: number,
): Promise<IngestOutcome[]> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, idsOf(messages));
    // Anonymous calls of already-merged visitors score their lead: hold it too.
    const resolved = new Map<string, string>();
    for (const m of messages) {
      if (m.userId !== null || m.anonymousId === null) continue;
      const leadId = await tx.resolveIdentity(ws, m.anonymousId);
      if (leadId !== undefined) resolved.set(m.anonymousId, leadId);
    }
    await tx.lockLeads(ws, [...resolved.values()]);
    // Checked once the leads are held: an erasure of one of them that committed meanwhile is seen.
    const refused = await refuseSuppressed(tx, ws, messages, resolved, now);
    const kept = messages.filter((_, i) => refused[i] === null);
    const stored = kept.length === 0 ? [] : await storeCalls(tx, models, ws, kept, now);
    let next = 0;
    return messages.map((message, i): IngestOutcome => {
      const refusal = refused[i] ?? null;
      if (refusal === null) return stored[next++]!;
      return { messageId: messageIdOf(message), status: 'suppressed', ...refusal };
    });
  });
}

/** Stores and scores the calls in order, in the caller's transaction. */
async function storeCalls(
  tx: StoreTx,
  models: ActiveModels,
  ws: string,
  messages: readonly SegmentMessage[],
  now: number,
): Promise<IngestOutcome[]> {
  const scoring = await models.get(tx, ws);
  const outcomes: IngestOutcome[] = [];
  // Consecutive calls of events, traits and companies go in together; those that merge a
  // visitor, or a group call of nobody known yet, one by one, in order.
  let run: RunCall[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const stored = await ingestEventRun(tx, ws, scoring, run, now);
    run.forEach((call, i) =>
      outcomes.push({ messageId: call.messageId, status: stored[i] ? 'stored' : 'duplicate' }),
    );
    run = [];
  };
  for (const message of messages) {
    if (message.type === 'track' || message.type === 'page') {
      run.push({
        message,
        messageId: messageIdOf(message),
        leadId: await leadIdOf(tx, ws, message),
        time: eventTimeOf(message),
      });
      continue;
    }
    if (message.type === 'group') {
      const leadId = await leadIdOf(tx, ws, message);
      if (leadId !== null) {
        const time = eventTimeOf(message);
        run.push({ message, messageId: messageIdOf(message), leadId, time });
        continue;
      }
    }
    if (message.type === 'identify' && (await mergesNothingNew(tx, ws, message))) {
      run.push({
        message,
        messageId: messageIdOf(message),
        leadId: message.userId!,
        time: eventTimeOf(message),
      });
      continue;
    }
    await flush();
    outcomes.push(await ingestOne(tx, ws, scoring, message, now));
  }
  await flush();
  return outcomes;
}

const messageIdOf = (message: SegmentMessage) => message.messageId ?? deriveMessageId(message.raw);

// A device clock ahead of ours must not put an event in the future: it happened by the time it
// reached us.
const eventTimeOf = (message: SegmentMessage) => Math.min(message.time, message.receivedAt);

/** An identify, group or alias call. */
async function ingestOne(
  tx: StoreTx,
  ws: string,
  scoring: ActiveScoring | undefined,
  message: Exclude<SegmentMessage, TrackMessage | PageMessage>,
  now: number,
): Promise<IngestOutcome> {
  const messageId = messageIdOf(message);
  const time = eventTimeOf(message);
  const leadId = await leadIdOf(tx, ws, message);
  if (leadId !== null) await ensureLead(tx, ws, leadId, now);

  const stored = await tx.insertEvent(ws, callToStore(message, messageId, leadId, time));
  if (!stored.inserted) return { messageId, status: 'duplicate' };

  switch (message.type) {
    case 'identify':
      if (message.userId !== null) {
        await tx.upsertLead(ws, message.userId, message.traits, now);
        const merged =
          message.anonymousId !== null &&
          (await merge(tx, ws, message.anonymousId, message.userId, now)) > 0;
        if (scoring)
          await rescore(
            tx,
            ws,
            message.userId,
            scoring,
            now,
            merged ? 'merge' : 'traits',
            messageId,
          );
      }
      break;
    case 'group': {
      await tx.upsertCompany(ws, message.groupId, message.traits, now);
      if (!scoring) {
        if (leadId !== null) await tx.setLeadCompany(ws, leadId, message.groupId, now);
        break;
      }
      if (leadId === null) {
        // New company traits, no lead to refit: the account is scored again on its own.
        await refreshAccounts(tx, ws, scoring, [message.groupId], now);
        break;
      }
      const left = (await tx.getLead(ws, leadId))?.companyId;
      await tx.setLeadCompany(ws, leadId, message.groupId, now);
      // The refit scores the lead's (new) company again; the company it left lost a contact.
      await refit(tx, ws, leadId, scoring, now, { cause: 'traits', causeRef: messageId });
      if (left && left !== message.groupId) await refreshAccounts(tx, ws, scoring, [left], now);
      break;
    }
    case 'alias':
      if ((await merge(tx, ws, message.previousId, message.userId, now)) > 0 && scoring) {
        await rescoreLead(tx, ws, message.userId, scoring, now, {
          cause: 'merge',
          causeRef: messageId,
        });
      }
      break;
  }
  return { messageId, status: 'stored' };
}

/**
 * An identify of a known lead whose anonymousId, if any, is already linked to it: it only sets
 * traits, so it joins the set-based run. One that links a visitor goes alone.
 */
async function mergesNothingNew(
  tx: StoreTx,
  ws: string,
  message: IdentifyMessage,
): Promise<boolean> {
  if (message.userId === null) return false;
  if (message.anonymousId === null) return true;
  return (await tx.resolveIdentity(ws, message.anonymousId)) === message.userId;
}

/** Every id a batch may touch a lead through: user ids, anonymous ids, alias previous ids. */
function idsOf(messages: readonly SegmentMessage[]): string[] {
  const ids: string[] = [];
  for (const m of messages) {
    if (m.userId !== null) ids.push(m.userId);
    if (m.anonymousId !== null) ids.push(m.anonymousId);
    if (m.type === 'alias') ids.push(m.previousId);
  }
  return ids;
}

/** The known lead a call is about: its userId, else the lead its anonymousId was merged into. */
async function leadIdOf(tx: StoreTx, ws: string, message: SegmentMessage): Promise<string | null> {
  if (message.userId !== null) return message.userId;
  if (message.anonymousId === null) return null;
  return (await tx.resolveIdentity(ws, message.anonymousId)) ?? null;
}

async function ensureLead(tx: StoreTx, ws: string, leadId: string, now: number): Promise<void> {
  if (!(await tx.getLead(ws, leadId))) await tx.upsertLead(ws, leadId, {}, now);
}

/** Maps the anonymous id to the lead and moves its anonymous history; answers how many events moved. */
async function merge(
  tx: StoreTx,
  ws: string,
  anonymousId: string,
  leadId: string,
  now: number,
): Promise<number> {
  await tx.linkIdentity(ws, anonymousId, leadId, now);
  return tx.assignAnonymousEvents(ws, anonymousId, leadId);
}

async function rescore(
  tx: StoreTx,
  ws: string,
  leadId: string,
  scoring: ActiveScoring,
  now: number,
  cause: 'merge' | 'traits',
  causeRef: string,
): Promise<void> {
  if (cause === 'merge') await rescoreLead(tx, ws, leadId, scoring, now, { cause, causeRef });
  else await refit(tx, ws, leadId, scoring, now, { cause, causeRef });
}
