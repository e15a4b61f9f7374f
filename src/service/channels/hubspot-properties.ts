// HubSpot set-up: the custom contact properties the write-back fills, in a `leadscore` group,
// created when missing (on a channel's first send and on its test send).
// https://developers.hubspot.com/docs/api/crm/properties
import type { Client } from '@hubspot/api-client';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { SYNC_FIELDS, type SyncSettings } from './kind-settings.js';
import { SYNC_CALL_TIMEOUT_MS, withTimeout } from './sync-answer.js';

export const HUBSPOT_GROUP = 'leadscore';

const LABELS = {
  score: 'Lead score',
  grade: 'Lead grade',
  segment: 'Lead segment',
  stage: 'Lead stage',
  owner: 'Lead owner (leadscore)',
} as const;

/** Set-ups done by this process, per channel version: a later change of names sets up again. */
const readyChannels = new Set<string>();

/** Creates the group and the properties that are missing; throws the API's error otherwise. */
export async function ensureHubspotProperties(
  client: Client,
  readyKey: string,
  settings: SyncSettings,
): Promise<void> {
  if (readyChannels.has(readyKey)) return;
  const timed = <T>(p: Promise<T>, what: string) => withTimeout(p, SYNC_CALL_TIMEOUT_MS, what);
  const { coreApi, groupsApi } = client.crm.properties;
  const groups = await timed(groupsApi.getAll('contacts'), 'HubSpot property groups');
  if (!groups.results.some((g) => g.name === HUBSPOT_GROUP))
    await timed(
      groupsApi.create('contacts', { name: HUBSPOT_GROUP, label: 'leadscore' }),
      'HubSpot property group',
    ).catch(conflictIsFine);
  const existing = await timed(coreApi.getAll('contacts'), 'HubSpot properties');
  const names = new Set(existing.results.map((p) => p.name));
  for (const field of SYNC_FIELDS) {
    const name = settings.fields[field];
    if (names.has(name)) continue;
    const numeric = field === 'score';
    await timed(
      coreApi.create('contacts', {
        name,
        label: LABELS[field],
        groupName: HUBSPOT_GROUP,
        type: numeric ? PropertyCreateTypeEnum.Number : PropertyCreateTypeEnum.String,
        fieldType: numeric ? PropertyCreateFieldTypeEnum.Number : PropertyCreateFieldTypeEnum.Text,
        description: `Written by leadscore (${field})`,
      }),
      `HubSpot property ${name}`,
    ).catch(conflictIsFine);
  }
  readyChannels.add(readyKey);
}

/** A refusal may mean a property was deleted since: the next send sets up again. */
export function forgetHubspotSetUp(readyKey: string): void {
  readyChannels.delete(readyKey);
}

/** Another process created it first. */
function conflictIsFine(error: unknown): void {
  if (statusOf(error) !== 409) throw error;
}

/** The HTTP status of an @hubspot/api-client error (its ApiException carries `code`). */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
