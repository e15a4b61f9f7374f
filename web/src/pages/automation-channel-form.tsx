// The form that adds or edits a channel: its kind's fields (kind-settings on the server checks
// them), secret inputs write-only ("set — leave empty to keep"), and write-back for the kinds
// that sync lead state to a CDP or CRM.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { Channel, ChannelKind } from '../api/types';
import { Field } from '../components/field';
import {
  CHANNEL_KIND_FORMS,
  configOf,
  valuesOf,
  type FormValues,
  type KindField,
} from '../lib/channel-kinds';

interface Props {
  /** The channel edited; a new one when absent. */
  editing: Channel | null;
  busy: boolean;
  submit: (work: () => Promise<void>) => Promise<void>;
  onDone: () => void;
}

const KINDS = Object.keys(CHANNEL_KIND_FORMS) as ChannelKind[];

function FieldInput(props: {
  field: KindField;
  value: string | boolean | undefined;
  isSet: boolean;
  onChange: (value: string | boolean) => void;
}) {
  const { field, value, isSet, onChange } = props;
  const id = `ch-${field.name}`;
  if (field.type === 'checkbox')
    return (
      <label className="inline" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        {field.label}
      </label>
    );
  const text = typeof value === 'string' ? value : '';
  const label = field.required ? `${field.label} (required)` : field.label;
  if (field.type === 'select')
    return (
      <Field id={id} label={label}>
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{field.required ? 'Choose…' : 'Default'}</option>
          {field.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
    );
  return (
    <Field id={id} label={label} size={field.type === 'number' ? 'narrow' : 'grow'}>
      <input
        id={id}
        type={field.type}
        autoComplete={field.secret ? 'new-password' : 'off'}
        required={field.required === true && !(field.secret && isSet)}
        placeholder={field.secret && isSet ? 'set — leave empty to keep' : field.placeholder}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function ChannelForm({ editing, busy, submit, onDone }: Props) {
  const [kind, setKind] = useState<ChannelKind>(editing?.kind ?? 'slack');
  const [name, setName] = useState(editing?.name ?? '');
  const [values, setValues] = useState<FormValues>(editing ? valuesOf(editing) : {});
  const [sync, setSync] = useState(editing ? editing.sync !== null : false);
  const form = CHANNEL_KIND_FORMS[kind];

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const config = configOf(kind, values, editing !== null);
      if (editing) {
        const wasSynced = editing.sync !== null;
        await api(`/v1/channels/${encodeURIComponent(editing.id)}`, {
          method: 'PATCH',
          json: {
            name,
            config,
            // Unchanged write-back settings are left as they are.
            ...(form.syncs && sync !== wasSynced ? { sync: sync ? {} : null } : {}),
          },
        });
      } else {
        await api('/v1/channels', {
          json: { kind, name, config, ...(form.syncs && sync ? { sync: {} } : {}) },
        });
      }
      onDone();
    });
  };

  return (
    <form onSubmit={save} aria-label={editing ? 'Edit channel' : 'New channel'}>
      <div className="form-row">
        {!editing && (
          <Field id="ch-kind" label="Kind">
            <select
              id="ch-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ChannelKind);
                setValues({});
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {CHANNEL_KIND_FORMS[k].label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="ch-name" label="Name" size="grow">
          <input id="ch-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      </div>
      <div className="form-row">
        {form.fields.map((field) => (
          <FieldInput
            key={`${kind}-${field.name}`}
            field={field}
            value={values[field.name]}
            isSet={editing?.secretsSet.includes(field.name) ?? false}
            onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
          />
        ))}
      </div>
      {form.syncs && (
        <div className="form-row">
          <label className="inline" htmlFor="ch-sync">
            <input
              id="ch-sync"
              type="checkbox"
              checked={sync}
              onChange={(e) => setSync(e.target.checked)}
            />
            Write each lead’s score, grade, segment, stage and owner back here
          </label>
        </div>
      )}
      <div className="form-row">
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>
          {editing ? 'Save channel' : 'Add channel'}
        </button>
        {editing && (
          <button type="button" className="button ghost" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
