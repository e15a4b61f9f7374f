// The lifecycle rules: forward only, the sales loop's own moves from their own stages, closed
// stages left only by a reset, and a reason wherever the move needs one.
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../store/port.js';
import { decideMove, type LifecycleAction } from './moves.js';

const OPEN: LifecycleStage[] = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity'];
const CLOSED: LifecycleStage[] = ['customer', 'disqualified', 'lost'];

const to = (from: LifecycleStage, action: LifecycleAction, reason: string | null = null) => {
  const decision = decideMove(from, action, reason);
  return decision.ok ? `${decision.kind}:${decision.to}` : 'refused';
};

describe('decideMove', () => {
  it('hands over subscribers and leads only, to mql', () => {
    const handOver = { type: 'hand_over', segment: 'hot' } as const;
    expect(to('subscriber', handOver)).toBe('handed_over:mql');
    expect(to('lead', handOver)).toBe('handed_over:mql');
    for (const from of LIFECYCLE_STAGES.filter((s) => s !== 'subscriber' && s !== 'lead'))
      expect(to(from, handOver)).toBe('refused');
  });

  it('lets sales accept (to sal) or reject with a reason (back to lead) an mql only', () => {
    expect(to('mql', { type: 'accept' })).toBe('accepted:sal');
    expect(to('mql', { type: 'reject' }, 'no budget')).toBe('rejected:lead');
    expect(to('mql', { type: 'reject' })).toBe('refused');
    expect(to('mql', { type: 'reject' }, '   ')).toBe('refused');
    for (const from of LIFECYCLE_STAGES.filter((s) => s !== 'mql')) {
      expect(to(from, { type: 'accept' })).toBe('refused');
      expect(to(from, { type: 'reject' }, 'no budget')).toBe('refused');
    }
  });

  it('says from which stage to which, and why not', () => {
    expect(decideMove('lead', { type: 'accept' }, null)).toEqual({
      ok: false,
      to: 'sal',
      message:
        'cannot move the lead from "lead" to "sal": only a lead handed over to sales ' +
        '(stage "mql") can be accepted, and this one was not handed over',
    });
    expect(decideMove('sql', { type: 'advance', to: 'lead' }, null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/from "sql" to "lead": the lifecycle only moves forward/),
    });
    expect(decideMove('lost', { type: 'advance', to: 'sql' }, null)).toMatchObject({
      message:
        'cannot move the lead from "lost" to "sql": "lost" is closed: only a reset moves the lead',
    });
  });

  it('converts from every stage, a customer again for a repeat purchase', () => {
    for (const from of LIFECYCLE_STAGES)
      expect(to(from, { type: 'convert' })).toBe('converted:customer');
  });

  it('loses a lead from any open stage with a reason, never a closed one', () => {
    for (const from of OPEN) {
      expect(to(from, { type: 'lose' }, 'chose a competitor')).toBe('lost:lost');
      expect(to(from, { type: 'lose' })).toBe('refused');
    }
    for (const from of CLOSED) expect(to(from, { type: 'lose' }, 'gone')).toBe('refused');
  });

  it('advances forward only, never into the sales loop’s own stages', () => {
    expect(to('subscriber', { type: 'advance', to: 'lead' })).toBe('moved:lead');
    expect(to('lead', { type: 'advance', to: 'sql' })).toBe('moved:sql');
    expect(to('sal', { type: 'advance', to: 'sql' })).toBe('moved:sql');
    expect(to('sal', { type: 'advance', to: 'opportunity' })).toBe('moved:opportunity');
    expect(to('opportunity', { type: 'advance', to: 'sql' })).toBe('refused');
    expect(to('sql', { type: 'advance', to: 'sql' })).toBe('refused');
    // Sales answers a hand-over first.
    expect(to('mql', { type: 'advance', to: 'sql' })).toBe('refused');
    for (const stage of ['mql', 'sal', 'customer', 'lost'] as const)
      expect(to('subscriber', { type: 'advance', to: stage }, 'why')).toBe('refused');
    for (const from of CLOSED)
      expect(to(from, { type: 'advance', to: 'opportunity' })).toBe('refused');
  });

  it('disqualifies from any open stage with a reason', () => {
    for (const from of OPEN) {
      expect(to(from, { type: 'advance', to: 'disqualified' }, 'student')).toBe(
        'moved:disqualified',
      );
      expect(to(from, { type: 'advance', to: 'disqualified' })).toBe('refused');
    }
    expect(to('customer', { type: 'advance', to: 'disqualified' }, 'x')).toBe('refused');
  });

  it('resets to any other stage, backward included, with a reason only', () => {
    for (const from of LIFECYCLE_STAGES) {
      for (const target of LIFECYCLE_STAGES) {
        const expected = from === target ? 'refused' : `reset:${target}`;
        expect(to(from, { type: 'reset', to: target }, 'CRM cleanup')).toBe(expected);
      }
      expect(to(from, { type: 'reset', to: 'subscriber' })).toBe('refused');
    }
  });
});
