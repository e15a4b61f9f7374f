// Workspace keys: the list with each key's role, creating one with a role (its secret shown
// once) and revoking one.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROLES, type Role } from '../api/auth-types';
import type { ApiKey, CreatedKey } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { Field } from '../components/field';
import { LoadedList } from '../components/loaded-list';
import { SecretNote } from '../components/secret-note';
import { ErrorNote } from '../components/status';
import { ACTIONS, Table } from '../components/table';
import { formatTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { useApiAction } from '../lib/use-api-action';

const COLUMNS = ['Kind', 'Role', 'Name', 'Starts with', 'Created', 'Status', ACTIONS];
type Kind = 'write' | 'api';
/** Keys made as `admin` before roles existed are api keys of role owner. */
const kindOf = (key: { kind: string }) => (key.kind === 'write' ? 'write' : 'api');

export function KeysPanel({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const keys = useApi<{ items: ApiKey[] }>('/v1/keys');
  const [kind, setKind] = useState<Kind>('write');
  const [role, setRole] = useState<Role>('viewer');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedKey>();
  const { error, busy, run, submit } = useApiAction(keys.reload);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const key = await api<CreatedKey>('/v1/keys', {
        json: {
          kind,
          ...(kind === 'api' ? { role } : {}),
          ...(name.trim() ? { name: name.trim() } : {}),
        },
      });
      setCreated(key);
      setName('');
      onCreated(key);
    });
  };

  return (
    <section className="card" aria-labelledby="keys-h">
      <h2 id="keys-h">Keys</h2>
      <p className="hint">
        Write keys send events (they may end up in browsers); api keys call the management API with
        the role they are given, like a person of that role (give automation the least it needs).
      </p>
      {created && (
        <SecretNote>
          New {kindOf(created)} key{created.name ? ` “${created.name}”` : ''}:{' '}
          <code data-testid="new-key">{created.key}</code>
        </SecretNote>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <form className="form-row" onSubmit={create}>
        <Field id="key-kind" label="Kind">
          <select id="key-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="write">write</option>
            <option value="api">api</option>
          </select>
        </Field>
        {kind === 'api' && (
          <Field id="key-role" label="Role">
            <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="key-name" label="Name (optional)" size="grow">
          <input
            id="key-name"
            value={name}
            placeholder="marketing site"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <LoadedList resource={keys} empty="No keys.">
        {(data) => (
          <Table testId="keys" caption="Workspace keys" columns={COLUMNS}>
            {data.items.map((k) => (
              <tr key={k.id}>
                <td>
                  <span className={`badge ${kindOf(k) === 'api' ? 'accent' : ''}`}>
                    {kindOf(k)}
                  </span>
                </td>
                <td data-testid="key-role">{k.role ?? <span className="muted">—</span>}</td>
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
                    <ConfirmButton
                      label={`Revoke ${kindOf(k)} key ${k.name ?? k.prefix}`}
                      question={`Revoke the ${kindOf(k)} key ${k.name ?? k.prefix}? Callers using it will be refused.`}
                      onConfirm={() =>
                        void run(`/v1/keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' })
                      }
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </LoadedList>
    </section>
  );
}
