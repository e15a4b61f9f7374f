// Channels: where scores reach people and systems (e-mail, Slack, a CDP, a CRM). The list with
// each one's health and queue, add and edit, a test send with its result, enable or disable,
// delete; the chosen one's delivery log is shown below (automation-deliveries.tsx).
import { useState } from 'react';
import { api } from '../api/client';
import type { Channel, ChannelTestResult } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { LoadedList } from '../components/loaded-list';
import { RowActions } from '../components/row-actions';
import { SmallButton } from '../components/small-button';
import { ErrorNote } from '../components/status';
import { ACTIONS, num, Table } from '../components/table';
import { can } from '../lib/access';
import { CHANNEL_KIND_FORMS } from '../lib/channel-kinds';
import { formatTime } from '../lib/format';
import { useAccess } from '../lib/use-access';
import { useApiAction } from '../lib/use-api-action';
import type { Resource } from '../lib/use-api';
import { ChannelForm } from './automation-channel-form';

interface Props {
  channels: Resource<{ items: Channel[] }>;
  selected: string | null;
  onSelect: (id: string) => void;
}

const COLUMNS = ['Kind', 'Name', 'Health', num('Pending'), num('Failed'), ACTIONS];

function testNote(name: string, r: ChannelTestResult): string {
  const how = [r.statusCode === null ? null : `status ${r.statusCode}`, `${r.latencyMs} ms`]
    .filter(Boolean)
    .join(', ');
  return r.ok
    ? `Test to ${name} sent (${how}).`
    : `Test to ${name} failed: ${r.error ?? 'unknown error'}`;
}

export function ChannelsPanel({ channels, selected, onSelect }: Props) {
  const [editing, setEditing] = useState<Channel | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [tested, setTested] = useState<{ ok: boolean; text: string }>();
  const { error, busy, run, submit } = useApiAction(channels.reload);
  const mayChange = can(useAccess().workspace, 'automation.write');

  const sendTest = (c: Channel) =>
    void submit(async () => {
      setTested(undefined);
      const result = await api<ChannelTestResult>(`/v1/channels/${encodeURIComponent(c.id)}/test`, {
        json: {},
      });
      setTested({ ok: result.ok, text: testNote(c.name, result) });
    });

  return (
    <section className="card" aria-labelledby="channels-h">
      <h2 id="channels-h">Channels</h2>
      {tested && (
        <p className={`state ${tested.ok ? 'state-ok' : 'state-error'}`} role="status">
          {tested.text}
        </p>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      {mayChange && (
        <ChannelForm
          key={editing?.id ?? `new-${formKey}`}
          editing={editing}
          busy={busy}
          submit={submit}
          onDone={() => {
            setEditing(null);
            setFormKey((k) => k + 1);
          }}
        />
      )}
      <LoadedList
        resource={channels}
        empty="No channels yet: add e-mail, Slack, a CDP or a CRM above."
      >
        {(data) => (
          <Table testId="channels" caption="Channels" columns={COLUMNS}>
            {data.items.map((c) => {
              const path = `/v1/channels/${encodeURIComponent(c.id)}`;
              return (
                <tr key={c.id} aria-selected={c.id === selected}>
                  <td>{CHANNEL_KIND_FORMS[c.kind].label}</td>
                  <td>
                    {c.name}
                    <div className="sub">
                      {c.sync ? 'writes lead state back · ' : ''}since {formatTime(c.createdAt)}
                    </div>
                  </td>
                  <td>
                    {c.enabled ? (
                      <span className="badge ok">enabled</span>
                    ) : (
                      <span className="badge bad" title={c.disabledReason ?? ''}>
                        disabled
                      </span>
                    )}
                    {c.consecutiveFailures > 0 && (
                      <div className="sub">{c.consecutiveFailures} failures in a row</div>
                    )}
                  </td>
                  <td className="num">{c.pendingDeliveries}</td>
                  <td className="num">{c.failedDeliveries}</td>
                  <RowActions>
                    <SmallButton onClick={() => onSelect(c.id)}>Deliveries</SmallButton>
                    {mayChange && (
                      <>
                        <SmallButton disabled={busy} onClick={() => sendTest(c)}>
                          Send test
                        </SmallButton>
                        <SmallButton onClick={() => setEditing(c)}>Edit</SmallButton>
                        <SmallButton
                          onClick={() =>
                            void run(path, { method: 'PATCH', json: { enabled: !c.enabled } })
                          }
                        >
                          {c.enabled ? 'Disable' : 'Enable'}
                        </SmallButton>
                        <ConfirmButton
                          question={`Delete the channel ${c.name} and its deliveries?`}
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
