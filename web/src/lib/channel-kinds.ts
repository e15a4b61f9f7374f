// The form of each kind of channel: its fields as the dashboard asks for them, and the body a
// form's values make. The server checks them against its schemas (kind-settings.ts; a test
// beside this file holds the two to the same field names); secret fields are write-only here.
import type { Channel, ChannelKind } from '../api/types';

export interface KindField {
  name: string;
  label: string;
  type: 'text' | 'url' | 'email' | 'number' | 'checkbox' | 'select' | 'password';
  /** Never shown again once saved: an empty input keeps the stored value. */
  secret?: boolean;
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
}

export interface KindForm {
  label: string;
  fields: readonly KindField[];
  /** It can write lead state back to a CDP or CRM. */
  syncs: boolean;
}

export const CHANNEL_KIND_FORMS: Record<ChannelKind, KindForm> = {
  email: {
    label: 'E-mail (SMTP)',
    syncs: false,
    fields: [
      { name: 'host', label: 'SMTP host', type: 'text', required: true },
      { name: 'port', label: 'Port', type: 'number', placeholder: '587' },
      { name: 'secure', label: 'TLS from the first byte (port 465)', type: 'checkbox' },
      { name: 'requireTls', label: 'Require STARTTLS', type: 'checkbox' },
      { name: 'user', label: 'User', type: 'text' },
      { name: 'password', label: 'Password', type: 'password', secret: true },
      {
        name: 'from',
        label: 'From',
        type: 'text',
        required: true,
        placeholder: 'Leads <leads@example.com>',
      },
      { name: 'replyTo', label: 'Reply-To', type: 'email' },
    ],
  },
  slack: {
    label: 'Slack',
    syncs: false,
    fields: [
      {
        name: 'webhookUrl',
        label: 'Incoming-webhook URL',
        type: 'url',
        secret: true,
        required: true,
        placeholder: 'https://hooks.slack.com/services/…',
      },
      { name: 'description', label: 'Description', type: 'text', placeholder: '#sales' },
    ],
  },
  segment: {
    label: 'Segment-compatible CDP',
    syncs: true,
    fields: [
      { name: 'host', label: 'Host', type: 'url', placeholder: 'https://api.segment.io' },
      { name: 'path', label: 'Batch path', type: 'text', placeholder: '/v1/batch' },
      { name: 'writeKey', label: 'Write key', type: 'password', secret: true, required: true },
    ],
  },
  hubspot: {
    label: 'HubSpot',
    syncs: true,
    fields: [
      {
        name: 'baseUrl',
        label: 'API base URL',
        type: 'url',
        placeholder: 'https://api.hubapi.com',
      },
      {
        name: 'accessToken',
        label: 'Private-app token',
        type: 'password',
        secret: true,
        required: true,
      },
    ],
  },
  salesforce: {
    label: 'Salesforce',
    syncs: true,
    fields: [
      {
        name: 'loginUrl',
        label: 'Login URL',
        type: 'url',
        placeholder: 'https://login.salesforce.com',
      },
      {
        name: 'flow',
        label: 'Flow',
        type: 'select',
        required: true,
        options: ['client_credentials', 'password'],
      },
      { name: 'clientId', label: 'Client id', type: 'text', required: true },
      {
        name: 'clientSecret',
        label: 'Client secret',
        type: 'password',
        secret: true,
        required: true,
      },
      { name: 'username', label: 'User name (password flow)', type: 'text' },
      { name: 'password', label: 'Password (password flow)', type: 'password', secret: true },
      { name: 'securityToken', label: 'Security token', type: 'password', secret: true },
      { name: 'object', label: 'Object', type: 'select', options: ['Lead', 'Contact'] },
      { name: 'apiVersion', label: 'API version', type: 'text', placeholder: '61.0' },
    ],
  },
};

/** What the form's inputs hold: text, or a checkbox's state. */
export type FormValues = Record<string, string | boolean>;

/** The inputs of a stored channel (secrets empty: they are never answered). */
export function valuesOf(channel: Channel): FormValues {
  const values: FormValues = {};
  for (const field of CHANNEL_KIND_FORMS[channel.kind].fields) {
    const value = channel.config[field.name];
    if (field.secret || value === undefined || value === null) continue;
    values[field.name] = typeof value === 'boolean' ? value : String(value);
  }
  return values;
}

/**
 * The `config` of the request: numbers as numbers, checkboxes as booleans. An empty input is
 * left out when creating; when editing, an empty secret keeps the stored one (left out) and an
 * empty setting clears it (null), so the server's default applies again.
 */
export function configOf(kind: ChannelKind, values: FormValues, editing: boolean) {
  const config: Record<string, unknown> = {};
  for (const field of CHANNEL_KIND_FORMS[kind].fields) {
    const value = values[field.name];
    if (field.type === 'checkbox') {
      config[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (editing && !field.secret) config[field.name] = null;
      continue;
    }
    config[field.name] = field.type === 'number' ? Number(text) : text;
  }
  return config;
}
