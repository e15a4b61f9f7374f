// Pipeline step: turn a validated, identified, timed call into the normalised message.
import { isRecord } from '../../core/fields.js';
import { PAGE_EVENT } from '../segment-event.js';
import type { SegmentMessage } from './message.js';
import { ok, type Step } from './step.js';
import type { TimedCall } from './timestamp-step.js';

export interface NormaliseOptions {
  receivedAt: number;
  /** A batch's shared context; each message's own context wins key by key. */
  context?: Record<string, unknown> | null | undefined;
}

export function createNormaliseStep(options: NormaliseOptions): Step<TimedCall, SegmentMessage> {
  return ({ raw, call, userId, anonymousId, time }) => {
    // An empty messageId is no id: two calls sharing "" must not dedupe into one.
    const messageId = call.messageId || null;
    const context = { ...options.context, ...call.context };
    // analytics.js puts the write key in every call: a credential is not stored with the event.
    const kept =
      'writeKey' in raw
        ? Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'writeKey'))
        : raw;
    const base = {
      messageId,
      userId,
      anonymousId,
      time,
      receivedAt: options.receivedAt,
      context,
      raw: kept,
    };
    switch (call.type) {
      case 'identify': {
        const traits = call.traits ?? {};
        const company = traits.company;
        return ok({
          ...base,
          type: 'identify',
          traits,
          companyTraits: isRecord(company) ? company : null,
        });
      }
      case 'track':
        return ok({ ...base, type: 'track', event: call.event, properties: call.properties ?? {} });
      case 'page': {
        const name = call.name ?? null;
        const properties = { ...call.properties };
        if (name !== null && properties.name === undefined) properties.name = name;
        if (call.category != null && properties.category === undefined)
          properties.category = call.category;
        return ok({ ...base, type: 'page', name, event: PAGE_EVENT, properties });
      }
      case 'group':
        return ok({ ...base, type: 'group', groupId: call.groupId, traits: call.traits ?? {} });
      case 'alias':
        return ok({ ...base, type: 'alias', previousId: call.previousId, userId: call.userId });
    }
  };
}
