// The demo's sales loop, drawn from each lead's latent state (never from the model's points): a
// lead entering a qualified segment is handed over; a rep accepts most within hours to days and
// rejects some with a reason; accepted leads move SAL -> SQL -> opportunity -> customer or lost.
// Some leads never handed over close too (a self-serve purchase, or closed after no response).
// Moves go through the lifecycle's own rules, so the records are what the product would write.
import type { CompiledModel } from '../../core/compile-model.js';
import type { HistoryEntry, LeadLifecycle, NewLifecycleEntry } from '../../store/port.js';
import { applyMove, initialLifecycle, type MoveContext } from '../lifecycle/apply-move.js';
import type { LifecycleAction } from '../lifecycle/moves.js';
import { meanInterest, normal, sigmoid, type Latent } from './demo-latent.js';
import { pick, type Rng } from './synthetic-random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The reps who work the hand-overs (the demo model's assign actions name the same people). */
const REPS = ['ann@example.com', 'ben@example.com', 'chloe@example.com', 'dana@example.com'];
const LOST_REASONS = ['no budget', 'chose a competitor', 'no decision', 'timing: next year'];
/** Share of leads never handed over whose file is closed anyway (by now, if old enough). */
const CLOSED_UNQUALIFIED = 0.45;

export interface SalesInput {
  leadId: string;
  latent: Latent;
  /** The lead's score history, in time order. */
  history: readonly HistoryEntry[];
  /** Log-odds its channel adds to a deal. */
  channelLift: number;
}

export interface SalesRecords {
  entries: NewLifecycleEntry[];
  /** The lead's stage now, or undefined when it never moved. */
  state: LeadLifecycle | undefined;
}

/** Where the lead's sales story stands; draws a fixed number of values for every lead. */
export function salesStory(
  compiled: CompiledModel,
  input: SalesInput,
  period: { from: number; now: number },
  rng: Rng,
): SalesRecords {
  const { latent, leadId } = input;
  const draws = Array.from({ length: 12 }, () => rng());
  const noise = normal(rng);
  const u = (i: number): number => draws[i] as number;
  const rep = pick(rng, REPS);
  const week = (t: number): number => (t - period.from) / WEEK;

  let state = initialLifecycle(leadId, period.from);
  const entries: NewLifecycleEntry[] = [];
  const move = (action: LifecycleAction, context: Omit<MoveContext, 'cause' | 'causeRef'>) => {
    if (context.at >= period.now) return false;
    const scoring = action.type === 'hand_over';
    const applied = applyMove(state, action, {
      cause: scoring ? 'scoring' : 'api',
      causeRef: scoring ? action.segment : null,
      ...context,
      // The store keeps whole milliseconds.
      at: Math.round(context.at),
    });
    if (!applied.ok) return false;
    entries.push(applied.entry);
    state = applied.state;
    return true;
  };
  const deal = (at: number, lift: number): boolean => {
    if (latent.nonBuyer) return false;
    const x = meanInterest(latent, week(at) - 6, week(at) + 2);
    const odds = lift + 1.2 * latent.fit + 1.2 * x + 1.5 * input.channelLift + 0.3 * noise;
    return u(0) < sigmoid(odds - (latent.badAddress ? 1.2 : 0));
  };
  const value = (): number => Math.round((3000 + u(1) ** 2 * 60_000) / 100) * 100;

  const handed = input.history.find(
    (e) => compiled.segments.find((s) => s.id === e.segment)?.qualified,
  );
  if (handed) {
    const at = handed.at;
    move({ type: 'hand_over', segment: handed.segment }, { actor: null, at });
    // Feedback within hours to days: a log-normal with a median of six hours.
    const answered = at + Math.min(10 * DAY, Math.exp(Math.log(6) + 1.2 * normal(rng)) * HOUR);
    const accepts =
      u(2) <
      sigmoid(1.6 + 1.2 * latent.fit - (latent.badAddress ? 2 : 0) - (latent.nonBuyer ? 3 : 0));
    if (!accepts) {
      const reason = latent.competitor
        ? 'competitor'
        : latent.student
          ? 'student, not a buyer'
          : latent.badAddress
            ? 'bad contact details'
            : latent.fit < 0
              ? 'not a decision maker'
              : 'not ready to buy';
      if (!move({ type: 'reject' }, { actor: rep, at: answered, reason })) return result();
      // Students, competitors and dead addresses are closed for good; the rest go back to nurture.
      if (latent.nonBuyer || latent.badAddress)
        move({ type: 'advance', to: 'disqualified' }, { actor: rep, at: answered + HOUR, reason });
      return result();
    }
    if (!move({ type: 'accept' }, { actor: rep, at: answered })) return result();
    const won = deal(answered, -2.8);
    // Lost deals fall out at some stage of the way; won ones go all the way.
    const lostAfter = won ? 3 : Math.floor(u(3) * 3);
    let t = answered;
    const stages = ['sql', 'opportunity'] as const;
    for (let i = 0; i < 2; i++) {
      if (lostAfter <= i) break;
      t += (2 + u(4 + i) * 12) * DAY;
      if (!move({ type: 'advance', to: stages[i]! }, { actor: rep, at: t })) return result();
    }
    t += (7 + u(6) * 40) * DAY;
    if (won) move({ type: 'convert' }, { actor: rep, at: t, value: value(), currency: 'USD' });
    else move({ type: 'lose' }, { actor: rep, at: t, reason: pick(rng, LOST_REASONS) });
    return result();
  }
  // Never handed over: some files close anyway, a month or more after the lead appeared.
  const start = period.from + latent.startWeek * WEEK;
  const closeAt = start + (30 + u(7) * 150) * DAY;
  if (u(8) < CLOSED_UNQUALIFIED && closeAt < period.now) {
    if (deal(closeAt, -4.4))
      move({ type: 'convert' }, { actor: null, at: closeAt, value: value(), currency: 'USD' });
    else move({ type: 'lose' }, { actor: rep, at: closeAt, reason: 'no response after outreach' });
  }
  return result();

  function result(): SalesRecords {
    return { entries, state: entries.length > 0 ? state : undefined };
  }
}
