// Channels as the management API keeps them: created with their settings checked against their
// kind and their secrets sealed, listed, read, changed (merging over the stored settings),
// enabled or disabled, and deleted with their deliveries. An unknown channel is StoreError
// 'not_found' naming it, a name in use 'conflict'.
import { StoreError, type Channel, type ChannelKind, type Store } from '../../store/port.js';
import { noteAudit } from '../audit/audit-scope.js';
import type { SecretBox } from '../secret-box.js';
import { sealSecrets, unsealSecrets } from './channel-secrets.js';
import { channelSettings, secretFieldNames, type SettingsInput } from './channel-settings.js';
import { ChannelInputError } from './channel-input-error.js';

export const channelNotFound = (id: string) => new StoreError('not_found', `no channel "${id}"`);

export interface NewChannelInput extends SettingsInput {
  kind: ChannelKind;
  name: string;
}

export interface ChannelChange extends SettingsInput {
  name?: string | undefined;
  enabled?: boolean | undefined;
}

/** What an audit entry may say of a channel's change: field names, never a value of a secret. */
function changedFields(kind: ChannelKind, input: SettingsInput): string[] {
  const secret = new Set(secretFieldNames(kind));
  return [
    ...Object.keys(input.config ?? {}).map((k) => (secret.has(k) ? `secrets.${k}` : `config.${k}`)),
    ...Object.keys(input.secrets ?? {}).map((k) => `secrets.${k}`),
  ];
}

export async function createChannel(
  store: Store,
  ws: string,
  input: NewChannelInput,
  box: SecretBox,
  createdBy: string | null,
  now: number,
): Promise<Channel> {
  const settings = channelSettings(input.kind, input);
  return store.transaction(async (tx) => {
    const made = await tx.createChannel(
      ws,
      {
        kind: input.kind,
        name: input.name,
        config: settings.config,
        secrets: sealSecrets(settings.secrets, box),
        sync: settings.sync,
        createdBy,
      },
      now,
    );
    noteAudit(`channel:${made.id}`, {
      kind: made.kind,
      name: made.name,
      sync: made.sync !== null,
    });
    return made;
  });
}

/** Oldest first. */
export function listChannels(store: Store, ws: string): Promise<Channel[]> {
  return store.listChannels(ws);
}

export async function getChannel(store: Store, ws: string, id: string): Promise<Channel> {
  const channel = await store.getChannel(ws, id);
  if (!channel) throw channelNotFound(id);
  return channel;
}

/** One read and one write in a transaction, so that two changes do not lose each other's fields. */
export function changeChannel(
  store: Store,
  ws: string,
  id: string,
  change: ChannelChange,
  box: SecretBox,
  now: number,
): Promise<Channel> {
  return store.transaction(async (tx) => {
    const before = await tx.getChannel(ws, id);
    if (!before) throw channelNotFound(id);
    const touchesSettings =
      change.config !== undefined || change.secrets !== undefined || change.sync !== undefined;
    let stored: Record<string, unknown> = {};
    if (touchesSettings) {
      try {
        stored = unsealSecrets(before, box);
      } catch (error) {
        // Without them a merge would drop them; the reason, never the value.
        throw new ChannelInputError([
          {
            field: 'secrets',
            message: `the stored secrets cannot be opened (${(error as Error).message}): send every secret again`,
          },
        ]);
      }
    }
    const settings = touchesSettings
      ? channelSettings(before.kind, change, {
          config: before.config,
          secrets: stored,
          sync: before.sync,
        })
      : undefined;
    noteAudit(`channel:${id}`, {
      changed: [
        ...(change.name === undefined ? [] : ['name']),
        ...changedFields(before.kind, change),
        ...(change.sync === undefined ? [] : ['sync']),
        ...(change.enabled === undefined ? [] : ['enabled']),
      ],
      after: {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
        ...(change.sync === undefined ? {} : { sync: change.sync !== null }),
      },
    });
    return tx.updateChannel(
      ws,
      id,
      {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(settings
          ? {
              config: settings.config,
              secrets: sealSecrets(settings.secrets, box),
              sync: settings.sync,
            }
          : {}),
        ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
        // Paused by a person, unlike one disabled after a run of failed attempts.
        ...(change.enabled === false ? { disabledReason: 'disabled over the API' } : {}),
      },
      now,
    );
  });
}

/** With its queue and deliveries: nothing more is sent to it. */
export async function deleteChannel(store: Store, ws: string, id: string): Promise<void> {
  const channel = await store.getChannel(ws, id);
  if (!channel) throw channelNotFound(id);
  noteAudit(`channel:${id}`, { kind: channel.kind, name: channel.name });
  if (!(await store.deleteChannel(ws, id))) throw channelNotFound(id);
}
