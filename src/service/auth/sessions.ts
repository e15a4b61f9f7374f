// Server-side sessions: started at sign-in (a random token for the cookie, only its sha256 kept),
// resolved on each request with idle and absolute expiry, ended at sign-out. The person, their
// disabled flag and their roles are read again at least every SESSION_CACHE_MS, so disabling a
// user or changing a role (which ends the sessions) is refused by every server within a second.
import { createHash, randomBytes } from 'node:crypto';
import type { TeamMethods } from '../../store/team-port.js';
import type { Membership, Session, User } from '../../store/team-records.js';
import { BoundedMap } from '../bounded-map.js';

export interface SessionOptions {
  /** A session not used for this long ends (LEADSCORE_SESSION_IDLE_MINUTES). */
  idleMs: number;
  /** A session ends this long after sign-in, however used (LEADSCORE_SESSION_MAX_HOURS). */
  maxMs: number;
}

export const DEFAULT_SESSION_IDLE_MINUTES = 480;
export const DEFAULT_SESSION_MAX_HOURS = 168;

/** The options of the configured minutes and hours (defaults for those not given). */
export function sessionOptions(
  idleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
): SessionOptions {
  return { idleMs: idleMinutes * 60_000, maxMs: maxHours * 3_600_000 };
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = sessionOptions();

/** How long a resolved session is trusted without asking the store again. */
export const SESSION_CACHE_MS = 500;
/** last_seen is written at most this often per session. */
export const TOUCH_EVERY_MS = 60_000;
const TOKEN_BYTES = 32;
const CACHED_SESSIONS = 10_000;

/** The store methods sessions use: the Store (and a transaction) has them all. */
export type SessionMethods = Pick<
  TeamMethods,
  | 'createSession'
  | 'findSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteExpiredSessions'
  | 'getUser'
  | 'updateUser'
  | 'membershipsOf'
>;
export interface SessionStore extends SessionMethods {
  transaction<T>(fn: (tx: SessionMethods) => Promise<T>): Promise<T>;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a session: derived from its token (so it needs no column, and /v1/auth/me can
 * answer it to a new tab), yet the cookie's token cannot be recovered from it.
 */
export function csrfTokenOf(token: string): string {
  return createHash('sha256').update(`csrf:${token}`).digest('base64url');
}

export interface StartedSession {
  /** The cookie's value: given to the browser only, never stored. */
  token: string;
  csrfToken: string;
  /** Absolute expiry, epoch ms. */
  expiresAt: number;
}

/** Starts a session for the user and records the sign-in (user.lastSignInAt). */
export async function startSession(
  store: SessionStore,
  start: { userId: string; now: number; ip: string | null; userAgent: string | null },
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<StartedSession> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const expiresAt = start.now + options.maxMs;
  const session: Session = {
    tokenHash: hashSessionToken(token),
    userId: start.userId,
    createdAt: start.now,
    lastSeenAt: start.now,
    expiresAt,
    ip: start.ip,
    userAgent: start.userAgent === null ? null : start.userAgent.slice(0, 500),
  };
  await store.transaction(async (tx) => {
    await tx.createSession(session);
    await tx.updateUser(start.userId, { lastSignInAt: start.now });
  });
  return { token, csrfToken: csrfTokenOf(token), expiresAt };
}

/** A live session with the person it belongs to and their workspaces, as read at most 500 ms ago. */
export interface ResolvedSession {
  session: Session;
  user: User;
  memberships: Membership[];
  csrfToken: string;
}

function expired(session: Session, now: number, options: SessionOptions): boolean {
  return now >= session.expiresAt || now - session.lastSeenAt >= options.idleMs;
}

interface Cached {
  session: Session;
  user: User;
  memberships: Membership[];
  /** Monotonic ms until which the entry is trusted. */
  until: number;
}

/** The sessions of one store, each remembered for at most SESSION_CACHE_MS. */
export class SessionCache {
  private readonly entries = new BoundedMap<Cached>(CACHED_SESSIONS);
  /** Grows with each `forget`: a lookup that started before one does not fill the cache. */
  private forgotten = 0;

  constructor(
    private readonly store: SessionStore,
    /** Monotonic milliseconds. */
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  /**
   * The live session of this cookie token at `now` (the app's clock), or undefined: unknown,
   * expired (then deleted), or its user disabled or gone.
   */
  async resolve(
    token: string,
    now: number,
    options: SessionOptions = DEFAULT_SESSION_OPTIONS,
  ): Promise<ResolvedSession | undefined> {
    const tokenHash = hashSessionToken(token);
    const entry = await this.lookup(tokenHash);
    if (!entry) return undefined;
    const { session, user, memberships } = entry;
    if (expired(session, now, options)) {
      this.forget(tokenHash);
      await this.store.deleteSession(tokenHash);
      return undefined;
    }
    if (user.disabled) return undefined;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      // Marked first, so concurrent requests of the session write it once.
      entry.session = { ...session, lastSeenAt: now };
      await this.store.touchSession(tokenHash, now);
    }
    return { session: entry.session, user, memberships, csrfToken: csrfTokenOf(token) };
  }

  private async lookup(tokenHash: string): Promise<Cached | undefined> {
    const started = this.monotonic();
    const cached = this.entries.get(tokenHash);
    if (cached && cached.until > started) return cached;
    this.entries.delete(tokenHash);
    const forgotten = this.forgotten;
    const session = await this.store.findSession(tokenHash);
    if (!session) return undefined;
    const [user, memberships] = await Promise.all([
      this.store.getUser(session.userId),
      this.store.membershipsOf(session.userId),
    ]);
    if (!user) return undefined;
    const entry: Cached = { session, user, memberships, until: started + SESSION_CACHE_MS };
    // A sign-out or a change of the user may have committed while the lookup ran: answer it,
    // but do not remember it.
    if (forgotten === this.forgotten) this.entries.set(tokenHash, entry);
    return entry;
  }

  /** Drops one session (ended here), the next request with it asks the store. */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
    this.forgotten++;
  }

  /** Drops every session: a user was disabled, removed or given another role through this process. */
  forgetAll(): void {
    this.entries.clear();
    this.forgotten++;
  }
}

const shared = new WeakMap<SessionStore, SessionCache>();

/** The one session cache of the store in this process (like keyCacheOf). */
export function sessionCacheOf(store: SessionStore): SessionCache {
  let cache = shared.get(store);
  if (!cache) {
    cache = new SessionCache(store);
    shared.set(store, cache);
  }
  return cache;
}

/** The live session of a cookie token, through the store's shared cache. */
export function resolveSession(
  store: SessionStore,
  token: string,
  now: number,
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<ResolvedSession | undefined> {
  return sessionCacheOf(store).resolve(token, now, options);
}

/** Ends the session of this token (sign-out); true when there was one. */
export async function endSession(store: SessionStore, token: string): Promise<boolean> {
  const tokenHash = hashSessionToken(token);
  sessionCacheOf(store).forget(tokenHash);
  return store.deleteSession(tokenHash);
}

/** Deletes sessions past their absolute or idle expiry; answers how many. */
export function sweepSessions(
  store: SessionStore,
  now: number,
  options: SessionOptions = DEFAULT_SESSION_OPTIONS,
): Promise<number> {
  return store.deleteExpiredSessions(now, now - options.idleMs);
}
