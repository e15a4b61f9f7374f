// `leadscore backtest` end to end on a SQLite database: the report of a draft model file, its
// JSON, and errors that say what is wrong.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { rescoreWorkspace } from '../src/service/rescore/rescore-workspace.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { NewEvent } from '../src/store/port.js';
import { runCli, tempFiles } from './run-cli.js';

const DAY = 86_400_000;
const NOW = Date.now();

const ACTIVE = {
  name: 'opens',
  engagement: { rules: [{ id: 'open', event: 'Email Opened', points: 10 }] },
  segments: [
    { id: 'hot', min: 20, stage: 'bofu' },
    { id: 'cold', stage: 'tofu' },
  ],
};
const CANDIDATE = `name: demos
engagement:
  rules:
    - { id: open, event: Email Opened, points: 1 }
    - { id: demo, event: Demo Requested, points: 30 }
segments:
  - { id: hot, min: 20, stage: bofu }
  - { id: cold, stage: tofu }
`;

/** Two leads: one opened emails and was lost, one asked for a demo and bought. */
async function database(dir: string): Promise<string> {
  const file = join(dir, 'bt.db');
  const store = openSqliteStore({ file });
  await store.migrate();
  const { workspace } = await createWorkspaceWithKeys(store, 'cli', NOW - 30 * DAY);
  const ws = workspace.id;
  const event = (lead: string, name: string, k: number): NewEvent => ({
    messageId: `${lead}-${k}`,
    leadId: lead,
    anonymousId: null,
    type: 'track',
    name,
    time: NOW - (10 - k) * DAY,
    receivedAt: NOW - (10 - k) * DAY,
    payload: {},
  });
  for (const lead of ['opener', 'buyer']) await store.upsertLead(ws, lead, {}, NOW - 20 * DAY);
  await store.insertEvents(ws, [
    event('opener', 'Email Opened', 1),
    event('opener', 'Email Opened', 2),
    event('buyer', 'Demo Requested', 3),
  ]);
  const version = await store.addModel(ws, ACTIVE, NOW - 20 * DAY);
  await rescoreWorkspace(store, new ActiveModels(), ws, version, NOW - DAY);
  await store.putLifecycles(ws, [
    { leadId: 'opener', stage: 'lost', since: NOW - 2 * DAY, handover: null },
    { leadId: 'buyer', stage: 'customer', since: NOW - 2 * DAY, handover: null },
  ]);
  await store.close();
  return file;
}

describe('leadscore backtest', () => {
  it('prints the moves and the ranking of a draft model against the active one', async () => {
    const dir = await tempFiles({ 'candidate.yaml': CANDIDATE });
    const db = await database(dir);
    const text = await runCli(['backtest', '--model', join(dir, 'candidate.yaml'), '--db', db]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Backtest of demos \(draft\) against active v1/);
    expect(text.stdout).toMatch(/2 leads; 2 would change segment/);
    // opener: hot (20) -> cold (2); buyer: cold (0) -> hot (30).
    expect(text.stdout).toMatch(/hot\s+0\s+1\n/);
    expect(text.stdout).toMatch(/cold\s+1\s+0\n/);
    expect(text.stdout).toMatch(/active\s+0\.000/);
    expect(text.stdout).toMatch(/candidate\s+1\.000/);

    const json = await runCli([
      'backtest',
      '--model',
      join(dir, 'candidate.yaml'),
      '--db',
      db,
      '--json',
      '--capacity',
      '5',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { moved: number; capacity: { threshold: number } };
    expect(report.moved).toBe(2);
    expect(report.capacity.threshold).toBe(30);
  });

  it('says what is wrong: two candidates, a bad model file, a missing version', async () => {
    const dir = await tempFiles({ 'bad.yaml': 'name: x\nsegments: []\n' });
    const db = await database(dir);
    const both = await runCli([
      'backtest',
      '--model',
      'a.yaml',
      '--model-version',
      '1',
      '--db',
      db,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --model FILE, --model-version N/);
    const bad = await runCli(['backtest', '--model', join(dir, 'bad.yaml'), '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml.*segments/s);
    const missing = await runCli(['backtest', '--model-version', '7', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no model version 7/);
  });
});
