// Contract-suite plumbing: a fresh migrated store and two workspaces per test, and record makers.
import { afterEach, beforeEach } from 'vitest';
import type { LeadScoreRow, NewEvent, Store } from '../port.js';

export type MakeStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

export interface Context {
  store: Store;
  /** The workspace a test works in. */
  ws: string;
  /** Another workspace, for isolation checks. */
  other: string;
}

export const T0 = Date.UTC(2026, 0, 1);

/** Registers set-up and tear-down in the calling describe; the getter reads the current test's. */
export function useContext(makeStore: MakeStore): () => Context {
  let context: Context | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const made = await makeStore();
    cleanup = made.cleanup;
    await made.store.migrate();
    const ws = await made.store.createWorkspace('main', T0);
    const other = await made.store.createWorkspace('other', T0);
    context = { store: made.store, ws: ws.id, other: other.id };
  });
  afterEach(async () => {
    await cleanup?.();
    context = undefined;
  });
  return () => {
    if (!context) throw new Error('the store context exists only inside a test');
    return context;
  };
}

export function event(messageId: string, fields: Partial<NewEvent> = {}): NewEvent {
  return {
    messageId,
    leadId: 'lead-1',
    anonymousId: null,
    type: 'track',
    name: 'Webinar Registered',
    time: T0,
    receivedAt: T0,
    payload: { messageId, event: 'Webinar Registered', properties: { n: 1 } },
    ...fields,
  };
}

export function scoreRow(leadId: string, fields: Partial<LeadScoreRow> = {}): LeadScoreRow {
  return {
    leadId,
    modelVersion: 1,
    state: {
      fit: 10,
      fitMatched: [0],
      rules: [{ value: 5.5, ref: T0, last: T0, used: 5, window: [[T0, 5]] }],
      qualified: [],
      lastEventTime: T0,
    },
    score: 15.5,
    fit: 10,
    engagement: 5.5,
    grade: 'B',
    segment: 'nurture',
    stage: 'tofu',
    categories: { fit: 10, engagement: 5.5 },
    scoredAt: T0,
    lastEventTime: T0,
    updatedAt: T0,
    dueAt: null,
    ...fields,
  };
}
