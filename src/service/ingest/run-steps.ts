// The second part of an ingestion run: what each call stored now does, in arrival order. A track
// or page of a lead is an event to score; an identify sets a lead's traits, and links its visitor
// to it when the visitor was not linked to it yet; an alias links a visitor; a group call sets a
// company's traits and puts its lead there, or only sets the traits when it names nobody known.
// Calls naming only a visitor not linked yet, and identifies naming no lead, are stored only.
import type { ScoringEvent } from '../../core/event.js';
import {
  toScoringEvent,
  type AliasMessage,
  type GroupMessage,
  type IdentifyMessage,
  type PageMessage,
  type TrackMessage,
} from '../../ingest/segment/index.js';
import type { StoredCall } from './store-calls.js';

interface Of<M> {
  message: M;
  messageId: string;
  time: number;
  seq: number;
}

export type Step =
  | (Of<TrackMessage | PageMessage> & { kind: 'event'; leadId: string; event: ScoringEvent })
  /** An identify of a lead whose visitor, if it names one, is already linked to it. */
  | (Of<IdentifyMessage> & { kind: 'traits'; leadId: string })
  /** An identify linking its visitor to the lead: the visitor's events become the lead's. */
  | (Of<IdentifyMessage> & { kind: 'link'; leadId: string; visitor: string })
  | (Of<AliasMessage> & { kind: 'alias'; leadId: string })
  /** A group call of a known lead: the company's traits, and the lead now works there. */
  | (Of<GroupMessage> & { kind: 'company'; leadId: string })
  /** A group call of nobody known yet: the company's traits alone. */
  | (Of<GroupMessage> & { kind: 'company-traits'; leadId: null });

/** `links`: the visitors linked when the run began, as storeCalls had them. */
export function stepsOf(calls: readonly StoredCall[], links: ReadonlyMap<string, string>): Step[] {
  const linked = new Map(links);
  const steps: Step[] = [];
  for (const { message, messageId, leadId, time, inserted, seq } of calls) {
    if (!inserted) continue;
    switch (message.type) {
      case 'track':
      case 'page': {
        if (leadId === null) break;
        const event = { ...toScoringEvent(message), time, messageId };
        steps.push({ kind: 'event', message, messageId, time, seq, leadId, event });
        break;
      }
      case 'identify': {
        const { userId, anonymousId } = message;
        if (userId === null) break;
        if (anonymousId === null || linked.get(anonymousId) === userId) {
          steps.push({ kind: 'traits', message, messageId, time, seq, leadId: userId });
          break;
        }
        linked.set(anonymousId, userId);
        steps.push({
          kind: 'link',
          message,
          messageId,
          time,
          seq,
          leadId: userId,
          visitor: anonymousId,
        });
        break;
      }
      case 'alias':
        linked.set(message.previousId, message.userId);
        steps.push({ kind: 'alias', message, messageId, time, seq, leadId: message.userId });
        break;
      case 'group':
        if (leadId === null)
          steps.push({ kind: 'company-traits', message, messageId, time, seq, leadId });
        else steps.push({ kind: 'company', message, messageId, time, seq, leadId });
        break;
    }
  }
  return steps;
}
