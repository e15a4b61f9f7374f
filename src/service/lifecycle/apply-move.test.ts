// Applying a move: the entry it appends and the state it leaves, the hand-over carried along.
import { describe, expect, it } from 'vitest';
import { applyMove, initialLifecycle } from './apply-move.js';

const api = { cause: 'api', causeRef: null, actor: 'ann@acme.io' } as const;

describe('applyMove', () => {
  it('records a hand-over and counts the later moves against it', () => {
    const start = initialLifecycle('u1', 0);
    const handed = applyMove(
      start,
      { type: 'hand_over', segment: 'hot' },
      { cause: 'scoring', causeRef: 'hot', actor: null, at: 10 },
    );
    expect(handed).toEqual({
      ok: true,
      entry: {
        leadId: 'u1',
        kind: 'handed_over',
        from: 'subscriber',
        to: 'mql',
        reason: null,
        cause: 'scoring',
        causeRef: 'hot',
        actor: null,
        value: null,
        currency: null,
        at: 10,
        handover: { segment: 'hot', at: 10 },
      },
      state: { leadId: 'u1', stage: 'mql', since: 10, handover: { segment: 'hot', at: 10 } },
    });
    if (!handed.ok) return;
    const rejected = applyMove(
      handed.state,
      { type: 'reject' },
      { ...api, at: 20, reason: ' no budget ' },
    );
    expect(rejected).toMatchObject({
      ok: true,
      entry: { kind: 'rejected', reason: 'no budget', handover: { segment: 'hot', at: 10 } },
      state: { stage: 'lead', since: 20, handover: { segment: 'hot', at: 10 } },
    });
  });

  it('keeps the stage’s since for a repeat purchase, and records its value', () => {
    const customer = { leadId: 'u1', stage: 'customer', since: 5, handover: null } as const;
    const again = applyMove(
      customer,
      { type: 'convert' },
      { ...api, at: 30, value: 99.5, currency: 'EUR' },
    );
    expect(again).toMatchObject({
      ok: true,
      entry: { kind: 'converted', from: 'customer', to: 'customer', value: 99.5, currency: 'EUR' },
      state: { stage: 'customer', since: 5 },
    });
  });

  it('clears the hand-over on a reset back to marketing only', () => {
    const sal = {
      leadId: 'u1',
      stage: 'sal',
      since: 5,
      handover: { segment: 'hot', at: 1 },
    } as const;
    const back = applyMove(
      sal,
      { type: 'reset', to: 'lead' },
      { ...api, at: 9, reason: 'wrong lead' },
    );
    expect(back).toMatchObject({ ok: true, state: { stage: 'lead', handover: null } });
    const forward = applyMove(sal, { type: 'reset', to: 'mql' }, { ...api, at: 9, reason: 'undo' });
    expect(forward).toMatchObject({
      ok: true,
      state: { stage: 'mql', handover: { segment: 'hot' } },
    });
  });

  it('answers the refusal with both stages', () => {
    const start = initialLifecycle('u1', 0);
    expect(applyMove(start, { type: 'accept' }, { ...api, at: 1 })).toMatchObject({
      ok: false,
      from: 'subscriber',
      to: 'sal',
    });
  });
});
