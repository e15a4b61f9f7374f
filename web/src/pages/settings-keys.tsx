// Workspace keys: the list, creating one (its secret shown once) and revoking one.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import type { ApiKey, CreatedKey } from '../api/types';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';
import { useApi } from '../lib/use-api';

export function KeysPanel({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const keys = useApi<{ items: ApiKey[] }>('/v1/keys');
  const [kind, setKind] = useState<'write' | 'admin'>('write');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedKey>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const key = await api<CreatedKey>('/v1/keys', {
        json: { kind, ...(name.trim() ? { name: name.trim() } : {}) },
      });
      setCreated(key);
      setName('');
      onCreated(key);
      keys.reload();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    if (
      !window.confirm(
        `Revoke the ${key.kind} key ${key.name ?? key.prefix}? Callers using it will be refused.`,
      )
    )
      return;
    setError(undefined);
    try {
      await api(`/v1/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
      keys.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  return (
    <section className="card" aria-labelledby="keys-h">
      <h2 id="keys-h">Keys</h2>
      <p className="hint">
        Write keys send events (they may end up in browsers); admin keys manage the workspace.
      </p>
      {created && (
        <div className="secret" role="status">
          New {created.kind} key{created.name ? ` “${created.name}”` : ''}:{' '}
          <code data-testid="new-key">{created.key}</code>
          <div className="hint">Copy it now: it is not shown again.</div>
        </div>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <form className="form-row" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label htmlFor="key-kind">Kind</label>
          <select
            id="key-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'write' | 'admin')}
          >
            <option value="write">write</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="key-name">Name (optional)</label>
          <input
            id="key-name"
            value={name}
            placeholder="marketing site"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {keys.error ? (
        <ErrorNote error={keys.error} onRetry={keys.reload} />
      ) : !keys.data ? (
        <Loading />
      ) : keys.data.items.length === 0 ? (
        <Empty>No keys.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="keys">
            <caption className="sr-only">Workspace keys</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((k) => (
                <tr key={k.id}>
                  <td>
                    <span className={`badge ${k.kind === 'admin' ? 'accent' : ''}`}>{k.kind}</span>
                  </td>
                  <td>{k.name ?? <span className="muted">—</span>}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatTime(k.createdAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge bad">revoked {formatTime(k.revokedAt)}</span>
                    ) : (
                      <span className="badge ok">active</span>
                    )}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={`Revoke ${k.kind} key ${k.name ?? k.prefix}`}
                        onClick={() => void revoke(k)}
                      >
                        Revoke
                      </button>
                    )}
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
