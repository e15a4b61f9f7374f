// Webhook subscriptions: create (secret shown once), edit, pause or resume, delete.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { NOTIFICATION_TYPES, type Webhook, type WebhookCreated } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { Field } from '../components/field';
import { LoadedList } from '../components/loaded-list';
import { RowActions } from '../components/row-actions';
import { SecretNote } from '../components/secret-note';
import { SmallButton } from '../components/small-button';
import { ErrorNote } from '../components/status';
import { ACTIONS, Table } from '../components/table';
import { formatTime } from '../lib/format';
import { can } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useApiAction } from '../lib/use-api-action';
import type { Resource } from '../lib/use-api';

interface Props {
  webhooks: Resource<{ items: Webhook[] }>;
  selected: string | null;
  onSelect: (id: string) => void;
}

export function WebhooksPanel({ webhooks, selected, onSelect }: Props) {
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<string[]>(['lead.qualified']);
  const [secret, setSecret] = useState<string>();
  const { error, busy, run, submit } = useApiAction(webhooks.reload);
  const mayChange = can(useAccess().workspace, 'automation.write');

  const reset = () => {
    setEditing(null);
    setUrl('');
    setTypes(['lead.qualified']);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      if (editing) {
        await api(`/v1/webhooks/${encodeURIComponent(editing.id)}`, {
          method: 'PATCH',
          json: { url, eventTypes: types },
        });
        setSecret(undefined);
      } else {
        const created = await api<WebhookCreated>('/v1/webhooks', {
          json: { url, eventTypes: types },
        });
        setSecret(created.secret);
      }
      reset();
    });
  };

  return (
    <section className="card" aria-labelledby="webhooks-h">
      <h2 id="webhooks-h">Webhook subscriptions</h2>
      {secret && (
        <SecretNote>
          Signing secret: <code>{secret}</code>
        </SecretNote>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      {mayChange && (
        <form onSubmit={save} aria-label={editing ? 'Edit webhook' : 'New webhook'}>
          <div className="form-row">
            <Field
              id="wh-url"
              size="grow"
              label={editing ? 'URL of the subscription' : 'New subscription URL'}
            >
              <input
                id="wh-url"
                type="url"
                required
                placeholder="https://example.com/hooks/leadscore"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </Field>
            <button
              type="submit"
              className="button primary"
              disabled={busy || !url || types.length === 0}
            >
              {editing ? 'Save' : 'Subscribe'}
            </button>
            {editing && (
              <button type="button" className="button ghost" onClick={reset}>
                Cancel
              </button>
            )}
          </div>
          <fieldset
            className="form-row"
            style={{ border: 'none', padding: 0, margin: '0 0 0.75rem' }}
          >
            <legend className="sr-only">Notification types</legend>
            {NOTIFICATION_TYPES.map((t) => (
              <label key={t} className="inline">
                <input
                  type="checkbox"
                  checked={types.includes(t)}
                  onChange={(e) =>
                    setTypes((old) => (e.target.checked ? [...old, t] : old.filter((x) => x !== t)))
                  }
                />
                {t}
              </label>
            ))}
          </fieldset>
        </form>
      )}
      <LoadedList
        resource={webhooks}
        empty="No subscriptions yet: add a URL above to receive lead changes."
      >
        {(data) => (
          <Table
            testId="webhooks"
            caption="Webhook subscriptions"
            columns={['URL', 'Notifications', 'Status', ACTIONS]}
          >
            {data.items.map((w) => {
              const path = `/v1/webhooks/${encodeURIComponent(w.id)}`;
              return (
                <tr key={w.id} aria-selected={w.id === selected}>
                  <td>
                    <code>{w.url}</code>
                    <div className="sub">since {formatTime(w.createdAt)}</div>
                  </td>
                  <td className="sub">{w.eventTypes.join(', ')}</td>
                  <td>
                    {w.enabled ? (
                      <span className="badge ok">enabled</span>
                    ) : (
                      <span className="badge bad" title={w.disabledReason ?? ''}>
                        paused
                      </span>
                    )}
                    {w.consecutiveFailures > 0 && (
                      <div className="sub">{w.consecutiveFailures} failures in a row</div>
                    )}
                  </td>
                  <RowActions>
                    <SmallButton onClick={() => onSelect(w.id)}>Deliveries</SmallButton>
                    {mayChange && (
                      <>
                        <SmallButton
                          onClick={() => {
                            setEditing(w);
                            setUrl(w.url);
                            setTypes(w.eventTypes);
                          }}
                        >
                          Edit
                        </SmallButton>
                        <SmallButton
                          onClick={() =>
                            void run(path, { method: 'PATCH', json: { enabled: !w.enabled } })
                          }
                        >
                          {w.enabled ? 'Pause' : 'Resume'}
                        </SmallButton>
                        <ConfirmButton
                          question={`Delete the subscription to ${w.url} and its deliveries?`}
                          onConfirm={() => void run(path, { method: 'DELETE' })}
                        >
                          Delete
                        </ConfirmButton>
                      </>
                    )}
                  </RowActions>
                </tr>
              );
            })}
          </Table>
        )}
      </LoadedList>
    </section>
  );
}
