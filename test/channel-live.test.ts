// Write-back against the real services, run only with credentials in the environment (see the
// README's write-back section): one test contact or Lead is written and removed again.
//   HubSpot: HUBSPOT_TOKEN (a private app with crm.objects.contacts.read/write and
//     crm.schemas.contacts.read/write).
//   Salesforce: SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET, SALESFORCE_LOGIN_URL (the org's
//     My Domain for client credentials), and for the password flow SALESFORCE_USERNAME,
//     SALESFORCE_PASSWORD, SALESFORCE_SECURITY_TOKEN; the Lead object needs the custom fields
//     leadscore_score__c (Number) and leadscore_grade__c, leadscore_segment__c,
//     leadscore_stage__c, leadscore_owner__c (Text).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { syncWorld } from './sync-fixture.js';

const env = process.env;
const dir = mkdtempSync(join(tmpdir(), 'leadscore-live-'));
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function world() {
  const store = openSqliteStore({ file: join(dir, `${stores.length}.db`) });
  stores.push(store);
  await store.migrate();
  return syncWorld(store);
}

const email = `leadscore-live-${Date.now()}@example.com`;

describe.skipIf(!env.HUBSPOT_TOKEN)('HubSpot write-back, live', () => {
  it('creates the properties, upserts a test contact by e-mail, and removes it', async () => {
    const w = await world();
    const channel = await w.channel('hubspot', {}, { accessToken: env.HUBSPOT_TOKEN });
    const client = new Client({ accessToken: env.HUBSPOT_TOKEN! });
    try {
      await w.track([{ id: 'live-1', email, events: ['Demo Requested'] }]);
      await w.worker().runOnce();
      expect(await w.deliveries(channel)).toMatchObject([{ status: 'succeeded', lastError: null }]);
      const contact = await client.crm.contacts.basicApi.getById(
        email,
        ['leadscore_segment'],
        undefined,
        undefined,
        false,
        'email',
      );
      expect(contact.properties.leadscore_segment).toBe('sales');
    } finally {
      const found = await client.crm.contacts.basicApi
        .getById(email, undefined, undefined, undefined, false, 'email')
        .catch(() => undefined);
      if (found) await client.crm.contacts.basicApi.archive(found.id);
    }
  });
});

const sfFlow = env.SALESFORCE_USERNAME ? 'password' : 'client_credentials';
describe.skipIf(!env.SALESFORCE_CLIENT_ID || !env.SALESFORCE_CLIENT_SECRET)(
  'Salesforce write-back, live',
  () => {
    it('updates a test Lead found by Email, and removes it', async () => {
      const loginUrl = env.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com';
      const connection = new Connection({
        oauth2: {
          loginUrl,
          clientId: env.SALESFORCE_CLIENT_ID!,
          clientSecret: env.SALESFORCE_CLIENT_SECRET!,
        },
      });
      if (sfFlow === 'password')
        await connection.loginByOAuth2(
          env.SALESFORCE_USERNAME!,
          `${env.SALESFORCE_PASSWORD ?? ''}${env.SALESFORCE_SECURITY_TOKEN ?? ''}`,
        );
      else await connection.authorize({ grant_type: 'client_credentials' });
      const made = await connection
        .sobject('Lead')
        .create({ LastName: 'Leadscore Live Test', Company: 'leadscore', Email: email });
      const id = (made as { id: string }).id;
      try {
        const w = await world();
        const channel = await w.channel(
          'salesforce',
          {
            loginUrl,
            flow: sfFlow,
            clientId: env.SALESFORCE_CLIENT_ID,
            ...(env.SALESFORCE_USERNAME ? { username: env.SALESFORCE_USERNAME } : {}),
          },
          {
            clientSecret: env.SALESFORCE_CLIENT_SECRET,
            ...(env.SALESFORCE_PASSWORD ? { password: env.SALESFORCE_PASSWORD } : {}),
            ...(env.SALESFORCE_SECURITY_TOKEN
              ? { securityToken: env.SALESFORCE_SECURITY_TOKEN }
              : {}),
          },
        );
        await w.track([{ id: 'live-1', email, events: ['Demo Requested'] }]);
        await w.worker().runOnce();
        expect(await w.deliveries(channel)).toMatchObject([
          { status: 'succeeded', lastError: null },
        ]);
        const lead = (await connection.sobject('Lead').retrieve(id)) as Record<string, unknown>;
        expect(lead.leadscore_segment__c).toBe('sales');
      } finally {
        await connection.sobject('Lead').destroy(id);
      }
    });
  },
);
