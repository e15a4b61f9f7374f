// What a full rescore reads of stored events: the payload keys a model's rules can see, and the
// engine's event built from a narrowed row equal to the one built from the whole stored event.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../core/compile-model.js';
import { validateModel } from '../../core/parse-model.js';
import type { ScoringEventRow, StoredEvent } from '../../store/port.js';
import { scoringEventOf } from '../scoring/stored-events.js';
import { payloadReads, SCORED_TYPES, scoringEventOfRow } from './scoring-reads.js';

const model = (rules: unknown[]) =>
  compileModel(
    validateModel({
      name: 'm',
      fit: { criteria: [] },
      engagement: { rules },
      segments: [{ id: 'all', stage: 'tofu' }],
    }),
  );

describe('payloadReads', () => {
  it('answers the payload keys rule conditions read (in all/any/not) and for which events', () => {
    expect(payloadReads(model([{ id: 'a', event: 'A', points: 1 }]))).toEqual({
      payloadKeys: [],
      payloadFor: [],
    });
    const where = {
      all: [
        { field: 'event', eq: 'A' },
        { any: [{ field: 'messageId', exists: true }, { not: { field: 'context.ip', eq: 'x' } }] },
      ],
    };
    const columnsOnly = { field: 'messageId', startsWith: 'x' };
    expect(
      payloadReads(
        model([
          { id: 'a', event: ' Page Viewed ', points: 1, where },
          { id: 'b', event: 'Email Opened', points: 1, where: columnsOnly },
          { id: 'c', event: 'Signed Up', points: 1 },
        ]),
      ),
    ).toEqual({ payloadKeys: ['context'], payloadFor: ['page viewed'] });
    const both = [
      { id: 'a', event: 'A', points: 1, where: { field: 'properties', exists: true } },
      { id: 'b', event: 'B', points: 1, where },
    ];
    expect(payloadReads(model(both))).toEqual({
      payloadKeys: ['properties', 'context'],
      payloadFor: ['a', 'b'],
    });
  });
});

describe('scoringEventOfRow', () => {
  it('builds what scoringEventOf builds from the whole stored event', () => {
    const payloads = [
      { properties: { path: '/x', n: [1, { a: null }] }, context: { ip: '1' }, other: 1 },
      { properties: 'text', context: null },
      {},
    ];
    for (const payload of payloads) {
      const stored: StoredEvent = {
        seq: 7,
        messageId: 'm1',
        leadId: 'u1',
        anonymousId: 'a1',
        type: 'track',
        name: 'Email Opened',
        time: 1000,
        receivedAt: 2000,
        payload,
      };
      const row: ScoringEventRow = {
        seq: 7,
        messageId: 'm1',
        leadId: 'u1',
        type: 'track',
        name: 'Email Opened',
        time: 1000,
        payload: Object.fromEntries(
          Object.entries(payload).filter(([k, v]) => ['properties', 'context'].includes(k) && v),
        ),
      };
      expect(scoringEventOfRow(row)).toEqual(scoringEventOf(stored));
    }
    expect(SCORED_TYPES).toEqual(['track', 'page']);
  });
});
