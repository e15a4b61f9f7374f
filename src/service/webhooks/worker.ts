// The webhook delivery worker: claims due deliveries from the store's outbox, sends each signed
// attempt, and records what came of it, the outcome decided by the backoff rules. A lease on
// each claim keeps two processes from sending the same delivery at once; one lead's
// deliveries go out in order because the store hands out only the head of each lane.
import type { ClaimedDelivery, Store, WebhookAttemptResult } from '../../store/port.js';
import type { ChannelAttempt, ChannelDispatch } from '../channels/channel-dispatch.js';
import { PLAIN_SECRETS, type SecretBox } from '../secret-box.js';
import { afterFailure } from './backoff.js';
import { payloadOf, signatureHeaders } from './payload.js';
import { sendWebhook, type AttemptReport } from './send.js';
import {
  webhookWorkerOptionsSchema,
  type WebhookWorkerOptions,
  type WebhookWorkerSettings,
} from './worker-options.js';

/** Time beyond the timeout for recording an attempt before another process may take it. */
const LEASE_MARGIN_MS = 5_000;

/** What ended a pause: the poll timer, a request (wake()), or a finished attempt. */
type Wake = 'poll' | 'request' | 'completion';

export interface WebhookWorkerDeps {
  store: Store;
  /** Epoch ms now: attempt times, due times, the retry period. */
  clock: () => number;
  /** In [0, 1): the backoff's jitter. */
  random: () => number;
  log?: (line: string) => void;
  /** Opens the stored signing secrets (PLAIN_SECRETS when absent). */
  secrets?: SecretBox;
  /** Sends channel messages (e-mail, Slack, CDP, CRM); without it they fail as not sendable. */
  channels?: ChannelDispatch;
}

export class WebhookWorker {
  readonly options: WebhookWorkerOptions;
  private readonly inFlight = new Set<Promise<void>>();
  private filling: Promise<number> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private woken: Wake | undefined;
  private wakeUp: ((why: Wake) => void) | undefined;

  constructor(
    private readonly deps: WebhookWorkerDeps,
    settings: WebhookWorkerSettings = {},
  ) {
    const parsed = webhookWorkerOptionsSchema.safeParse(settings);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new Error(`invalid webhook worker settings: ${problems.join('; ')}`);
    }
    this.options = parsed.data;
  }

  /** Polls until stop(). */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Looks for due deliveries now instead of at the next poll (after a write that made some). */
  wake(): void {
    this.alarm('request');
  }

  /**
   * One round without the loop: claims what is due (up to the free slots), sends it, and
   * resolves once every attempt in flight is recorded; answers how many it claimed.
   */
  async runOnce(): Promise<number> {
    const claimed = await this.fill(1);
    await this.settled();
    return claimed;
  }

  /** Stops polling and waits for the attempts in flight to be recorded (each ends by its timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    this.running = undefined;
    await this.settled();
  }

  private async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    let minFree = 1;
    while (!this.stopped) {
      try {
        await this.fill(minFree);
      } catch (error) {
        this.log(`webhooks: could not claim deliveries: ${String(error)}`);
      }
      // Woken only by finished attempts, claim once half the slots are free: a claim is a
      // commit, and one per finished attempt would double the commits of a busy worker. A poll
      // or a request claims whatever is free.
      const why = await this.pause();
      minFree = why === 'completion' ? Math.ceil(this.options.concurrency / 2) : 1;
    }
  }

  private alarm(why: Wake): void {
    if (this.woken !== 'request') this.woken = why;
    this.wakeUp?.(why);
  }

  private pause(): Promise<Wake> {
    const pending = this.stopped ? 'request' : this.woken;
    if (pending) {
      this.woken = undefined;
      return Promise.resolve(pending);
    }
    return new Promise((resolve) => {
      const done = (why: Wake) => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = undefined;
        resolve(why);
      };
      const timer = setTimeout(() => done('poll'), this.options.pollMs);
      this.wakeUp = done;
    });
  }

  /** Claims up to the free slots, if at least minFree; one claim at a time, so the bound holds. */
  private fill(minFree: number): Promise<number> {
    this.filling ??= this.claimAndSend(minFree).finally(() => {
      this.filling = undefined;
    });
    return this.filling;
  }

  private async claimAndSend(minFree: number): Promise<number> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0 || free < minFree) return 0;
    const claimed = await this.deps.store.claimWebhookDeliveries({
      now: this.deps.clock(),
      limit: free,
      leaseMs: this.leaseMs(),
    });
    // A webhook's deliveries go out one request each; a channel's, together (a sender may batch).
    const groups = new Map<string, ClaimedDelivery[]>();
    for (const delivery of claimed) {
      const key =
        delivery.channelId === null ? `w:${delivery.deliveryId}` : `c:${delivery.channelId}`;
      const group = groups.get(key);
      if (group) group.push(delivery);
      else groups.set(key, [delivery]);
    }
    for (const group of groups.values()) {
      const attempt: Promise<void> = this.deliverGroup(group)
        .catch((error: unknown) => {
          // The lease runs out and the delivery is tried again: at least once, never lost.
          const ids = group.map((d) => d.deliveryId).join(', ');
          this.log(`webhooks: could not record delivery ${ids}: ${String(error)}`);
        })
        .finally(() => {
          this.inFlight.delete(attempt);
          this.alarm('completion');
        });
      this.inFlight.add(attempt);
    }
    return claimed.length;
  }

  private async deliverGroup(group: readonly ClaimedDelivery[]): Promise<void> {
    const first = group[0]!;
    if (first.channelId === null) return this.deliver(first);
    const whole = [...group, ...(await this.moreFor(group))];
    const at = this.deps.clock();
    const reports = await this.sendToChannel(whole);
    // One by one: each records its own attempt and decides its own lane.
    for (const [i, delivery] of whole.entries()) await this.record(delivery, at, reports[i]!);
  }

  /** What a channel's dispatch claims to send with the group (a write-back batch). */
  private async moreFor(group: readonly ClaimedDelivery[]): Promise<ClaimedDelivery[]> {
    const more = this.deps.channels?.more;
    if (!more) return [];
    try {
      return await more.call(this.deps.channels, group, this.leaseMs());
    } catch (error) {
      this.log(`webhooks: could not claim more channel deliveries: ${String(error)}`);
      return [];
    }
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? this.options.timeoutMs + LEASE_MARGIN_MS;
  }

  private async sendToChannel(group: readonly ClaimedDelivery[]): Promise<ChannelAttempt[]> {
    const notSent = (error: string): ChannelAttempt[] =>
      group.map(() => ({ statusCode: null, error, latencyMs: 0, responseExcerpt: null }));
    if (!this.deps.channels) return notSent('not sent: this server has no channel senders');
    try {
      const reports = await this.deps.channels.send(group);
      if (reports.length !== group.length)
        return notSent(
          `not sent: the sender answered ${reports.length} reports for ${group.length}`,
        );
      return reports;
    } catch (error) {
      return notSent(`not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const at = this.deps.clock();
    await this.record(delivery, at, await this.attempt(delivery, at));
  }

  /** Records an attempt made at `at`, its outcome decided by the backoff rules. */
  private async record(
    delivery: ClaimedDelivery,
    at: number,
    report: ChannelAttempt,
  ): Promise<void> {
    const { clock, random, store } = this.deps;
    const { options } = this;
    const { retryAfterMs, permanent, ...attemptReport } = report;
    const attempt = delivery.attemptCount + 1;
    const decision = decide();
    const recorded = await store.recordWebhookAttempt(
      delivery.workspaceId,
      delivery,
      { ...attemptReport, at, ...decision },
      {
        disableAfter: options.disableAfter,
        disabledReason: `disabled after ${options.disableAfter} failed attempts in a row; the last: ${report.error}`,
      },
    );
    if (recorded.disabled)
      this.log(
        `webhooks: subscription ${delivery.webhookId} disabled after ${options.disableAfter} failed attempts in a row`,
      );

    function decide(): Pick<WebhookAttemptResult, 'outcome' | 'nextAttemptAt'> {
      if (report.error === null) return { outcome: 'succeeded', nextAttemptAt: null };
      if (permanent === true) return { outcome: 'failed', nextAttemptAt: null };
      const now = clock();
      const backoff = afterFailure(attempt, delivery.retrySince ?? at, now, options, random);
      if (backoff.outcome === 'failed' || retryAfterMs === undefined) return backoff;
      // Asked to wait: no sooner than that, and failed when that falls after the retry period.
      const next = Math.max(backoff.nextAttemptAt ?? now, at + retryAfterMs);
      if (next > (delivery.retrySince ?? at) + options.retryPeriodMs)
        return { outcome: 'failed', nextAttemptAt: null };
      return { outcome: 'retry', nextAttemptAt: next };
    }
  }

  /** Sends one signed attempt; a secret that cannot be opened is a failed attempt, never sent. */
  private async attempt(delivery: ClaimedDelivery, at: number): Promise<AttemptReport> {
    let secret: string;
    try {
      secret = (this.deps.secrets ?? PLAIN_SECRETS).open(delivery.secret);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        statusCode: null,
        error: `not sent: ${reason}`,
        latencyMs: 0,
        responseExcerpt: null,
      };
    }
    const body = payloadOf(delivery);
    return sendWebhook(
      {
        url: delivery.url,
        headers: signatureHeaders(secret, delivery.messageId, body, at),
        body,
      },
      this.options.timeoutMs,
      { blockPrivateNetworks: this.options.blockPrivateNetworks },
    );
  }

  private log(line: string): void {
    this.deps.log?.(line);
  }
}
