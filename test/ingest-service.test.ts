// Ingestion over real stores: Segment calls stored and scored in one transaction, equal to a
// replay of the stored history, with retries, late events, merges and company links.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import { scoreLead } from '../src/core/score-lead.js';
import { ingestMessages } from '../src/service/ingest/ingest-messages.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { recordOf, scoringHistory } from '../src/service/scoring/lead-scoring.js';
import type { Store } from '../src/store/port.js';
import { freshStores } from './fresh-stores.js';
import { segmentMessages } from './segment-messages.js';

const messages = (batch: unknown[], receivedAt = NOW) => segmentMessages(batch, receivedAt);
import { ROOT } from './run-cli.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));
const NOW = Date.parse('2026-06-01T12:00:00Z');
const day = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

async function setup(open: () => Promise<Store>) {
  const store = await open();
  const ws = (await store.createWorkspace('acme', NOW)).id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, NOW);
  await store.activateModel(ws, version, NOW);
  return { store, ws, models: new ActiveModels() };
}

/** The stored score must equal a replay of the stored history as of the same time. */
async function expectReplay(store: Store, ws: string, leadId: string) {
  const row = await store.getScore(ws, leadId);
  if (!row) throw new Error(`no score for ${leadId}`);
  const replay = await store.transaction(async (tx) => {
    const record = await recordOf(tx, ws, leadId);
    return scoreLead(model, record, await scoringHistory(tx, ws, leadId), row.scoredAt);
  });
  expect(row.score).toBeCloseTo(replay.score, 9);
  expect([row.grade, row.segment, row.stage]).toEqual([replay.grade, replay.segment, replay.stage]);
  return row;
}

const track = (
  messageId: string,
  userId: string,
  event: string,
  timestamp: string,
  properties = {},
) => ({
  type: 'track',
  messageId,
  userId,
  event,
  timestamp,
  properties,
});

describe.each(freshStores())('ingestMessages on $name', ({ open }) => {
  it('stores and scores calls, ignores retries, and equals a replay with late capped events', async () => {
    const { store, ws, models } = await setup(open);
    const first = messages([
      {
        type: 'identify',
        messageId: 'i1',
        userId: 'u1',
        timestamp: day(40),
        traits: { title: 'VP Marketing', country: 'US', email: 'a@b.com' },
      },
      {
        type: 'group',
        messageId: 'g1',
        userId: 'u1',
        groupId: 'acme',
        timestamp: day(40),
        traits: { name: 'Acme', employees: 500, industry: 'saas' },
      },
      track('t1', 'u1', 'Email Opened', day(10)),
      track('t2', 'u1', 'Email Opened', day(5)),
    ]);
    const outcomes = await ingestMessages(store, models, ws, first, NOW);
    expect(outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    let row = await expectReplay(store, ws, 'u1');
    expect(row.fit).toBe(40);
    expect(row.grade).toBe('A');

    // A retry and an older capped event arriving late: still a replay of the stored history.
    const late = messages([
      track('t1', 'u1', 'Email Opened', day(10)),
      ...Array.from({ length: 6 }, (_, i) => track(`late${i}`, 'u1', 'Email Opened', day(20 - i))),
    ]);
    const again = await ingestMessages(store, models, ws, late, NOW);
    expect(again[0]?.status).toBe('duplicate');
    row = await expectReplay(store, ws, 'u1');
    expect(row.categories.email).toBeGreaterThan(0);
    expect(await store.countEvents(ws)).toBe(10);

    const history = await store.listHistory(ws, 'u1', { limit: 50 });
    expect(history.length).toBeGreaterThan(0);
    expect(history[0]?.score).toBeCloseTo(row.score, 2);
  });

  it('merges an anonymous history into the lead that identifies itself', async () => {
    const { store, ws, models } = await setup(open);
    await ingestMessages(
      store,
      models,
      ws,
      messages([
        {
          type: 'track',
          messageId: 'a1',
          anonymousId: 'anon-1',
          event: 'Demo Requested',
          timestamp: day(2),
        },
        {
          type: 'page',
          messageId: 'a2',
          anonymousId: 'anon-1',
          name: 'Pricing',
          properties: { path: '/pricing' },
          timestamp: day(1),
        },
      ]),
      NOW,
    );
    expect(await store.getScore(ws, 'u2')).toBeUndefined();
    await ingestMessages(
      store,
      models,
      ws,
      messages([
        {
          type: 'identify',
          messageId: 'i2',
          anonymousId: 'anon-1',
          userId: 'u2',
          timestamp: day(0),
          traits: { title: 'Engineer' },
        },
      ]),
      NOW,
    );
    const row = await expectReplay(store, ws, 'u2');
    expect(row.segment).toBe('mql');
    expect(row.state.qualified.length).toBe(1);
    const history = await store.listHistory(ws, 'u2', { limit: 10 });
    expect(history[0]?.cause).toBe('merge');
    // Later anonymous calls resolve to the lead straight away.
    await ingestMessages(
      store,
      models,
      ws,
      messages(
        [track('a3', 'ignored', 'Email Opened', day(0))].map((m) => ({
          ...m,
          userId: undefined,
          anonymousId: 'anon-1',
        })),
      ),
      NOW,
    );
    expect((await store.eventsOfLead(ws, 'u2')).map((e) => e.messageId)).toContain('a3');
    await expectReplay(store, ws, 'u2');
  });

  it('does nothing to scores without an active model, and stores the calls', async () => {
    const store = await open();
    const ws = (await store.createWorkspace('empty', NOW)).id;
    const outcomes = await ingestMessages(
      store,
      new ActiveModels(),
      ws,
      messages([track('x1', 'u3', 'Email Opened', day(1))]),
      NOW,
    );
    expect(outcomes[0]?.status).toBe('stored');
    expect(await store.getLead(ws, 'u3')).toBeDefined();
    expect(await store.getScore(ws, 'u3')).toBeUndefined();
  });
});
