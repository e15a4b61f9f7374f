// The webhook delivery worker: claims due deliveries from the store's outbox, sends each signed
// attempt, and records what came of it, the outcome decided by the backoff rules. A lease on
// each claim keeps two processes from sending the same delivery at once; one lead's
// deliveries go out in order because the store hands out only the head of each lane.
import type { ClaimedDelivery, Store, WebhookAttemptResult } from '../../store/port.js';
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
      leaseMs: this.options.leaseMs ?? this.options.timeoutMs + LEASE_MARGIN_MS,
    });
    for (const delivery of claimed) {
      const attempt: Promise<void> = this.deliver(delivery)
        .catch((error: unknown) => {
          // The lease runs out and the delivery is tried again: at least once, never lost.
          this.log(`webhooks: could not record delivery ${delivery.deliveryId}: ${String(error)}`);
        })
        .finally(() => {
          this.inFlight.delete(attempt);
          this.alarm('completion');
        });
      this.inFlight.add(attempt);
    }
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { clock, random, store } = this.deps;
    const { options } = this;
    const at = clock();
    const report = await this.attempt(delivery, at);
    const attempt = delivery.attemptCount + 1;
    const decision: Pick<WebhookAttemptResult, 'outcome' | 'nextAttemptAt'> =
      report.error === null
        ? { outcome: 'succeeded', nextAttemptAt: null }
        : afterFailure(attempt, delivery.retrySince ?? at, clock(), options, random);
    const recorded = await store.recordWebhookAttempt(
      delivery.workspaceId,
      delivery,
      { ...report, at, ...decision },
      {
        disableAfter: options.disableAfter,
        disabledReason: `disabled after ${options.disableAfter} failed attempts in a row; the last: ${report.error}`,
      },
    );
    if (recorded.disabled)
      this.log(
        `webhooks: subscription ${delivery.webhookId} disabled after ${options.disableAfter} failed attempts in a row`,
      );
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
