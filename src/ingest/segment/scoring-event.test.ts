// toScoringEvent agrees with the batch CLI's eventFromSegment on the same Segment call.
import { describe, expect, it } from 'vitest';
import { eventFromSegment } from '../segment-event.js';
import { parseSegmentCall } from './parse-call.js';
import type { SegmentCallType } from './schemas.js';
import { toScoringEvent } from './scoring-event.js';

const receivedAt = Date.parse('2026-05-01T12:00:00Z');

function both(type: SegmentCallType, call: Record<string, unknown>) {
  const parsed = parseSegmentCall(type, JSON.stringify(call), { receivedAt });
  if (parsed.kind !== 'accepted') throw new Error(parsed.reason);
  const message = parsed.message;
  if (message.type !== 'track' && message.type !== 'page') throw new Error('not an event');
  const cli = eventFromSegment(structuredClone(call));
  if (!cli.ok) throw new Error(cli.reason);
  return { ours: toScoringEvent(message), cli: cli.value.event };
}

describe('toScoringEvent', () => {
  it('track: same name, time, messageId, properties and context as the CLI', () => {
    const call = {
      type: 'track',
      userId: 'u',
      messageId: 'm1',
      event: 'Demo Requested',
      timestamp: '2026-04-01T10:00:00+02:00',
      properties: { plan: 'pro' },
      context: { ip: '1.2.3.4' },
    };
    const { ours, cli } = both('track', call);
    expect(ours).toEqual({
      event: 'Demo Requested',
      time: Date.parse('2026-04-01T08:00:00Z'),
      messageId: 'm1',
      properties: { plan: 'pro' },
      context: { ip: '1.2.3.4' },
    });
    for (const key of ['event', 'time', 'messageId', 'properties', 'context'] as const)
      expect(ours[key]).toEqual(cli[key]);
  });
  it('page: "Page Viewed", and no messageId key when the call had none', () => {
    const call = {
      type: 'page',
      userId: 'u',
      timestamp: '2026-04-01T10:00:00Z',
      properties: { path: '/pricing' },
    };
    const { ours, cli } = both('page', call);
    expect(ours.event).toBe('Page Viewed');
    expect(ours.event).toBe(cli.event);
    expect(ours.time).toBe(cli.time);
    expect(ours).not.toHaveProperty('messageId');
  });
});
