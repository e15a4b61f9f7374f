// Webhook subscriptions: create (secret shown once), edit, pause or resume, delete.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { NOTIFICATION_TYPES, type Webhook } from '../api/types';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';
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
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setEditing(null);
    setUrl('');
    setTypes(['lead.qualified']);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (editing) {
        await api(`/v1/webhooks/${encodeURIComponent(editing.id)}`, {
          method: 'PATCH',
          json: { url, eventTypes: types },
        });
        setSecret(undefined);
      } else {
        const created = await api<Webhook>('/v1/webhooks', { json: { url, eventTypes: types } });
        setSecret(created.secret);
      }
      reset();
      webhooks.reload();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  const call = async (path: string, method: 'PATCH' | 'DELETE', json?: unknown) => {
    setError(undefined);
    try {
      await api(path, { method, json });
      webhooks.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  return (
    <section className="card" aria-labelledby="webhooks-h">
      <h2 id="webhooks-h">Webhook subscriptions</h2>
      {secret && (
        <div className="secret" role="status">
          Signing secret: <code>{secret}</code>
          <div className="hint">Copy it now: it is not shown again.</div>
        </div>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <form onSubmit={(e) => void submit(e)} aria-label={editing ? 'Edit webhook' : 'New webhook'}>
        <div className="form-row">
          <div className="field grow">
            <label htmlFor="wh-url">
              {editing ? 'URL of the subscription' : 'New subscription URL'}
            </label>
            <input
              id="wh-url"
              type="url"
              required
              placeholder="https://example.com/hooks/leadscore"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
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
      {webhooks.error ? (
        <ErrorNote error={webhooks.error} onRetry={webhooks.reload} />
      ) : !webhooks.data ? (
        <Loading />
      ) : webhooks.data.items.length === 0 ? (
        <Empty>No subscriptions yet: add a URL above to receive lead changes.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="webhooks">
            <caption className="sr-only">Webhook subscriptions</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Notifications</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data.items.map((w) => (
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
                  <td>
                    <div className="actions nowrap">
                      <button type="button" className="button small" onClick={() => onSelect(w.id)}>
                        Deliveries
                      </button>
                      <button
                        type="button"
                        className="button small"
                        onClick={() => {
                          setEditing(w);
                          setUrl(w.url);
                          setTypes(w.eventTypes);
                        }}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button small"
                        onClick={() =>
                          void call(`/v1/webhooks/${encodeURIComponent(w.id)}`, 'PATCH', {
                            enabled: !w.enabled,
                          })
                        }
                      >
                        {w.enabled ? 'Pause' : 'Resume'}
                      </button>
                      <button
                        type="button"
                        className="button small danger"
                        onClick={() => {
                          if (
                            window.confirm(
                              `Delete the subscription to ${w.url} and its deliveries?`,
                            )
                          )
                            void call(`/v1/webhooks/${encodeURIComponent(w.id)}`, 'DELETE');
                        }}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
