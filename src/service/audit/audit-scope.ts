// The audit entry a management request owes, while it runs: opened by the API for routes with an
// audit action, described by the route (target, summary) and the services it calls, and written
// once, by the audited store inside the first transaction that changes state (or by the API after
// a 2xx answer when none did). Reached through AsyncLocalStorage, so services need no parameter.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NewAuditEntry } from '../../store/port.js';

type Summary = NewAuditEntry['summary'];

export type AuditActor = Pick<NewAuditEntry, 'actorKind' | 'actorId' | 'actorName' | 'ip'>;

export class AuditScope {
  private target: string | null = null;
  private summary: Summary = {};
  /** A transaction holds the entry (appended, not yet committed). */
  private claimed = false;
  private written = false;
  /** The request has answered: nothing started by it may write the entry any more. */
  private closed = false;

  constructor(
    /** The workspace id. */
    readonly ws: string,
    readonly action: string,
    private readonly actor: AuditActor,
    /** Read when the entry is taken: the time of the change, after the route read its own. */
    private readonly clock: () => number,
  ) {}

  /** Who the entry names as having acted. */
  get actorName(): string {
    return this.actor.actorName;
  }

  /** Sets the target (when given) and adds to the summary; later keys overwrite earlier ones. */
  describe(target: string | null | undefined, summary: Summary = {}): void {
    if (target !== undefined) this.target = target;
    this.summary = { ...this.summary, ...summary };
  }

  /** True while the entry is owed and no transaction holds it. */
  get pending(): boolean {
    return !this.closed && !this.written && !this.claimed;
  }

  /** Takes the entry for a transaction; undefined when it is not pending. */
  claim(): NewAuditEntry | undefined {
    if (!this.pending) return undefined;
    this.claimed = true;
    return {
      at: this.clock(),
      ...this.actor,
      action: this.action,
      target: this.target,
      summary: this.summary,
    };
  }

  /** The transaction that held the entry committed (true) or rolled back (false). */
  settle(committed: boolean): void {
    this.claimed = false;
    if (committed) this.written = true;
  }

  close(): void {
    this.closed = true;
  }
}

const scopes = new AsyncLocalStorage<AuditScope>();

/** Runs fn (and everything it starts) inside the scope. */
export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The scope of the request being served, if it owes an entry. */
export function currentAuditScope(): AuditScope | undefined {
  return scopes.getStore();
}

/**
 * For services: describes the current request's entry with what only they know (a new key's id),
 * before their transaction commits. Does nothing outside an audited request.
 */
export function noteAudit(target: string | null | undefined, summary: Summary = {}): void {
  currentAuditScope()?.describe(target, summary);
}
