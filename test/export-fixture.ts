// A workspace for the export tests: leads with awkward traits (commas, quotes, new lines,
// formula-like text), events, owners, lifecycle stages and companies, ingested over the API.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { parseModel } from '../src/core/parse-model.js';
import type { Store } from '../src/store/port.js';
import { workspaceWithModel, type TestWorkspace } from './test-workspace.js';

const H = 3_600_000;

/** The model: two fit and two engagement categories, grades, an assigning segment, accounts. */
export function exportModelYaml(halfLifeDays?: number): string {
  return `
name: export
fit:
  criteria:
    - { id: vp, category: role, when: { field: title, contains: VP }, points: 20 }
    - { id: big, category: size, when: { field: company.employees, gte: 200 }, points: 10 }
  grades:
    - { grade: A, min: 25 }
    - { grade: B, min: 10 }
    - { grade: C }
engagement:
  ${halfLifeDays === undefined ? '' : `halfLifeDays: ${halfLifeDays}`}
  rules:
    - { id: demo, category: intent, event: Demo Requested, points: 40 }
    - { id: open, category: email, event: Email Opened, points: 3 }
segments:
  - id: hot
    min: 50
    stage: bofu
    actions: [{ type: assign, owners: [ann@acme.io, bob@acme.io] }]
  - { id: warm, min: 20, stage: mofu }
  - { id: cold, stage: tofu }
accounts:
  aggregate: sum
  fit:
    criteria: [{ id: enterprise, when: { field: employees, gte: 1000 }, points: 50 }]
  segments:
    - { id: target, min: 100, stage: bofu }
    - { id: watch, above: 0, stage: mofu }
    - { id: none, stage: tofu }
`;
}

export const TITLES = ['VP Sales', 'Engineer', 'VP, "Growth"\nEMEA', '=HYPERLINK("x")', 'Manager'];
export const NOTES = ['@SUM(A1)', '+1 555 0100', '-3', '\tindent', '\rcr', 'plain', 'trailing '];
export const LEADS = 40;

/** The calls that make lead i: its identify, its company, its events. */
function callsOf(i: number, now: number): Record<string, unknown>[] {
  const userId = `lead-${String(i).padStart(3, '0')}`;
  const at = (hoursAgo: number) => new Date(now - hoursAgo * H).toISOString();
  const company = i % 3 === 0 ? 'acme' : i % 3 === 1 ? 'tiny' : undefined;
  const calls: Record<string, unknown>[] = [
    {
      type: 'identify',
      userId,
      timestamp: at(200 + i),
      traits: {
        name: i % 7 === 0 ? `=cmd|' /C calc'!A${i}` : `Person ${i}`,
        email: `p${i}@example.com`,
        title: TITLES[i % TITLES.length],
        note: NOTES[i % NOTES.length],
        balance: i % 2 === 0 ? -i : i,
        active: i % 2 === 0,
        labels: ['a', `b${i}`],
        company: { name: i % 4 === 0 ? 'Acme, Inc.' : `Co ${i % 5}`, employees: 50 * (i % 8) },
      },
    },
  ];
  if (company)
    calls.push({
      type: 'group',
      userId,
      groupId: company,
      timestamp: at(150),
      traits:
        company === 'acme'
          ? { name: 'Acme', employees: 5000, motto: '=go' }
          : { name: 'Tiny', employees: 3 },
    });
  for (let k = 0; k < i % 6; k++)
    calls.push({ type: 'track', userId, event: 'Email Opened', timestamp: at(24 * k + i) });
  if (i % 5 === 0)
    calls.push({ type: 'track', userId, event: 'Demo Requested', timestamp: at(i % 50) });
  return calls;
}

export interface ExportWorkspace extends TestWorkspace {
  store: Store;
}

/** The workspace with LEADS leads, a few owners and lifecycle stages set by hand too. */
export async function exportWorkspace(
  store: Store,
  app: FastifyInstance,
  now: number,
  halfLifeDays?: number,
): Promise<ExportWorkspace> {
  const made = await workspaceWithModel(
    store,
    'export',
    parseModel(exportModelYaml(halfLifeDays)),
    now - 1000 * H,
  );
  const calls = Array.from({ length: LEADS }, (_, i) => callsOf(i, now)).flat();
  for (let start = 0; start < calls.length; start += 100) {
    const batch = calls
      .slice(start, start + 100)
      .map((call, k) => ({ messageId: `m${start + k}`, ...call }));
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: made.write,
      payload: { batch },
    });
    expect(response.json()).toMatchObject({ rejected: [] });
  }
  await store.setLeadOwner(made.ws, 'lead-001', 'cy@acme.io', now);
  await store.putLifecycles(made.ws, [
    { leadId: 'lead-002', stage: 'customer', since: now - H, handover: null },
    { leadId: 'lead-003', stage: 'sql', since: now - H, handover: null },
  ]);
  return { ...made, store };
}
