// Runs the daily digest's rounds every interval (a minute by default; once at start too), one
// round at a time, until stopped. It remembers the (workspace, day) rounds it has done, so each
// workspace's content is read once a day per server; the claims make the send once per owner
// and day across servers.
import { RepeatingRound } from '../repeating-round.js';
import { sendDueDigests, type DigestRoundDeps, type DigestRoundResult } from './send-digests.js';

export const DEFAULT_DIGEST_CHECK_MS = 60_000;

export interface DigestSchedulerOptions extends DigestRoundDeps {
  clock: () => number;
  /** How often it checks for workspaces whose hour has come (default a minute). */
  intervalMs?: number;
  /** Told about each round that enqueued digests. */
  onSend?: (result: DigestRoundResult) => void;
  /** Told about a round or a workspace that failed (the next round tries again). */
  onError?: (error: unknown, ws?: string) => void;
}

export class DigestScheduler {
  private readonly rounds: RepeatingRound;
  /** Rounds done, by key; kept for two days (a day's keys are useless after it). */
  private readonly done = new Map<string, number>();

  constructor(private readonly options: DigestSchedulerOptions) {
    this.rounds = new RepeatingRound(
      () => this.checkNow(),
      options.intervalMs ?? DEFAULT_DIGEST_CHECK_MS,
      (error) => options.onError?.(error),
    );
  }

  start(): void {
    this.rounds.start();
  }

  /** Runs one round now (tests; also what every tick does). */
  async checkNow(): Promise<DigestRoundResult> {
    const now = this.options.clock();
    for (const [key, at] of this.done) if (at < now - 2 * 86_400_000) this.done.delete(key);
    const result = await sendDueDigests(this.options, now, new Set(this.done.keys()));
    for (const key of result.done) this.done.set(key, now);
    for (const { ws, error } of result.failed) this.options.onError?.(error, ws);
    if (result.sent > 0) this.options.onSend?.(result);
    return result;
  }

  /** No new round starts; resolves once the one running (if any) has ended. */
  stop(): Promise<void> {
    return this.rounds.stop();
  }
}
