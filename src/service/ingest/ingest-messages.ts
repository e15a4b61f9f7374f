// Stores accepted Segment messages and brings every affected lead's score up to date, all in
// one transaction: when this resolves, the calls are durable and scored; if it throws, none is.
// Calls naming an id an erasure suppressed are refused in that transaction, the others stored.
import type { SegmentMessage } from '../../ingest/segment/index.js';
import type { Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { ingestRun } from './ingest-run.js';
import { messageIdOf } from './store-calls.js';
import { refuseSuppressed, type Refusal } from './suppressed-calls.js';
import { linksOf, visitorsOf } from './visitor-links.js';

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
    // Read once the visitors are held, so no other run links them meanwhile.
    const links = await linksOf(tx, ws, visitorsOf(messages));
    // Anonymous calls of already-linked visitors score their lead: hold it too.
    const ofAnonymous = anonymousLinks(messages, links);
    await tx.lockLeads(ws, [...ofAnonymous.values()]);
    // Checked once the leads are held: an erasure of one of them that committed meanwhile is seen.
    const refused = await refuseSuppressed(tx, ws, messages, ofAnonymous, now);
    const kept = messages.filter((_, i) => refused[i] === null);
    const stored =
      kept.length === 0 ? [] : await ingestRun(tx, ws, await models.get(tx, ws), kept, links, now);
    let next = 0;
    return messages.map((message, i): IngestOutcome => {
      const refusal = refused[i] ?? null;
      if (refusal === null) {
        return { messageId: messageIdOf(message), status: stored[next++] ? 'stored' : 'duplicate' };
      }
      return { messageId: messageIdOf(message), status: 'suppressed', ...refusal };
    });
  });
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

/** The links of the visitors of calls naming no lead. */
function anonymousLinks(messages: readonly SegmentMessage[], links: ReadonlyMap<string, string>) {
  const out = new Map<string, string>();
  for (const m of messages) {
    const leadId =
      m.userId === null && m.anonymousId !== null ? links.get(m.anonymousId) : undefined;
    if (leadId !== undefined) out.set(m.anonymousId!, leadId);
  }
  return out;
}
