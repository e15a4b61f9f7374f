// A real client no one here wrote: @segment/analytics-node pointed at a running leadscore
// server sends identify, group and track calls; the lead appears with the expected score.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { parseModel } from '../src/core/parse-model.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';
import { ROOT } from './run-cli.js';

const model = parseModel(readFileSync(join(ROOT, 'examples/models/b2b.yaml'), 'utf8'));

describe.each(freshStores())('@segment/analytics-node against leadscore on $name', ({ open }) => {
  it('sends identify, group and track; the lead is scored as the model says', async () => {
    const store = await open();
    const now = Date.now();
    const keys = await createWorkspaceWithKeys(store, 'w', now);
    const ws = keys.workspace.id;
    await store.activateModel(
      ws,
      await store.addModel(ws, model as unknown as Record<string, unknown>, now),
      now,
    );
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => Date.now() });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const client = new Analytics({
        writeKey: keys.write.secret,
        host: url,
        flushAt: 10,
        maxRetries: 2,
      });
      client.identify({
        userId: 'u1',
        traits: { title: 'VP Marketing', country: 'US', email: 'vp@acme.test' },
      });
      client.group({
        userId: 'u1',
        groupId: 'acme',
        traits: { name: 'Acme', employees: 500, industry: 'saas' },
      });
      client.track({ userId: 'u1', event: 'Demo Requested', properties: { source: 'website' } });
      client.track({ userId: 'u1', event: 'Email Opened' });
      await client.closeAndFlush({ timeout: 10_000 });

      const res = await fetch(`${url}/v1/leads/u1`, {
        headers: { authorization: `Bearer ${keys.admin.secret}` },
      });
      expect(res.status).toBe(200);
      const lead = (await res.json()) as {
        score: number;
        fit: number;
        grade: string;
        segment: string;
        company: { id: string };
        contributions: { id: string }[];
      };
      // Fit: senior title 15 + target country 5 + target company 20 (from the group's traits).
      expect(lead.fit).toBe(40);
      expect(lead.grade).toBe('A');
      expect(lead.company.id).toBe('acme');
      // Engagement: demo 30 + email open 2, seconds old, so barely decayed.
      expect(lead.score).toBeCloseTo(72, 2);
      expect(lead.segment).toBe('mql');
      expect(lead.contributions.map((c) => c.id).sort()).toEqual([
        'demo',
        'email-open',
        'senior-title',
        'target-company',
        'target-country',
      ]);
    } finally {
      await app.close();
    }
  });
});
