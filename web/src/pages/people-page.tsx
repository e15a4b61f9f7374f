// People (owners): who belongs to the workspace, with role and last sign-in; inviting, changing a
// role, disabling or enabling, and removing (the server keeps the last owner).
import { ROLES, type Role, type WorkspaceUser } from '../api/auth-types';
import { ConfirmButton } from '../components/confirm-button';
import { LoadedList } from '../components/loaded-list';
import { PageHeader } from '../components/page-header';
import { RowActions } from '../components/row-actions';
import { SettingsTabs } from '../components/settings-tabs';
import { SmallButton } from '../components/small-button';
import { ErrorNote } from '../components/status';
import { ACTIONS, Table } from '../components/table';
import { formatAgo, formatTime } from '../lib/format';
import { useAccess } from '../lib/use-access';
import { useApi } from '../lib/use-api';
import { useApiAction } from '../lib/use-api-action';
import { PeopleInvite } from './people-invite';

const COLUMNS = ['Person', 'Role', 'Status', 'Last sign-in', 'Added', ACTIONS];

export function PeoplePage() {
  const users = useApi<{ items: WorkspaceUser[] }>('/v1/users');
  const { email: me, workspace } = useAccess();
  const { error, run } = useApiAction(users.reload);
  const path = (u: WorkspaceUser) => `/v1/users/${encodeURIComponent(u.id)}`;
  const patch = (u: WorkspaceUser, json: { role?: Role; disabled?: boolean }) =>
    void run(path(u), { method: 'PATCH', json });

  return (
    <section className="page">
      <PageHeader title="People">
        Who can sign in to {workspace?.name ?? 'this workspace'} and what each may do. A change of
        role, disabling or removing someone ends their sessions at once.
      </PageHeader>
      <SettingsTabs />
      <PeopleInvite onInvited={users.reload} />
      <section className="card" aria-labelledby="people-h">
        <h2 id="people-h">Members</h2>
        {error && <ErrorNote error={new Error(error)} />}
        <LoadedList resource={users} empty="Nobody yet.">
          {(data) => (
            <Table testId="people" caption="People of the workspace" columns={COLUMNS}>
              {data.items.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <td>
                    {u.email}
                    {u.email === me ? <span className="muted"> (you)</span> : null}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${u.email}`}
                      value={u.role}
                      onChange={(e) => patch(u, { role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {u.disabled ? (
                      <span className="badge bad">disabled</span>
                    ) : (
                      <span className="badge ok">active</span>
                    )}
                  </td>
                  <td title={u.lastSignInAt ? formatTime(u.lastSignInAt) : undefined}>
                    {u.lastSignInAt ? (
                      formatAgo(u.lastSignInAt)
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </td>
                  <td>{formatTime(u.createdAt)}</td>
                  <RowActions>
                    <SmallButton
                      label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}
                      onClick={() => patch(u, { disabled: !u.disabled })}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </SmallButton>
                    <ConfirmButton
                      label={`Remove ${u.email}`}
                      question={`Remove ${u.email} from ${workspace?.name ?? 'the workspace'}? They are signed out and can no longer sign in here.`}
                      onConfirm={() => void run(path(u), { method: 'DELETE' })}
                    >
                      Remove
                    </ConfirmButton>
                  </RowActions>
                </tr>
              ))}
            </Table>
          )}
        </LoadedList>
      </section>
    </section>
  );
}
