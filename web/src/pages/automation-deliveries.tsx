// One subscription's or channel's delivery log: status, attempts and the last error, with
// redelivery (`base` is its API path: /v1/webhooks/{id} or /v1/channels/{id}).
import { useState } from 'react';
import { withQuery } from '../api/client';
import type { Page, WebhookDelivery } from '../api/types';
import { Link } from '../components/link';
import { LoadedList } from '../components/loaded-list';
import { SmallButton } from '../components/small-button';
import { ErrorNote } from '../components/status';
import { ACTIONS, num, Table } from '../components/table';
import { formatTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { can } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useApiAction } from '../lib/use-api-action';

const STATUS_CLASS = { succeeded: 'ok', failed: 'bad', pending: '' } as const;
const COLUMNS = ['When', 'Notification', 'Lead', 'Status', num('Attempts'), 'Last error', ACTIONS];

export function DeliveriesPanel({ base }: { base: string }) {
  const [status, setStatus] = useState('');
  const deliveries = useApi<Page<WebhookDelivery>>(
    withQuery(`${base}/deliveries`, { status, limit: 50 }),
  );
  const [note, setNote] = useState<string>();
  const { error, run } = useApiAction(deliveries.reload);
  const mayRedeliver = can(useAccess().workspace, 'automation.write');

  const redeliver = async (path: string, done: string) => {
    const answer = await run<{ redelivered?: number }>(path, { method: 'POST' });
    if (answer) setNote(answer.redelivered !== undefined ? `${answer.redelivered} ${done}` : done);
  };

  return (
    <section className="card" aria-labelledby="deliveries-h">
      <div className="page-header" style={{ marginBottom: '0.5rem' }}>
        <h2 id="deliveries-h">Delivery log</h2>
        <div className="actions">
          <label htmlFor="delivery-status" className="sr-only">
            Delivery status
          </label>
          <select
            id="delivery-status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            style={{ width: 'auto' }}
          >
            <option value="">All statuses</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
          </select>
          {mayRedeliver && (
            <SmallButton
              onClick={() =>
                void redeliver(`${base}/redeliver-failed`, 'failed deliveries are pending again')
              }
            >
              Redeliver all failed
            </SmallButton>
          )}
          <button type="button" className="button small ghost" onClick={deliveries.reload}>
            Refresh
          </button>
        </div>
      </div>
      {note && (
        <p className="state state-ok" role="status">
          {note}
        </p>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <LoadedList
        resource={deliveries}
        empty={<>No deliveries{status ? ` with status ${status}` : ''} yet.</>}
        scroll
      >
        {(data) => (
          <Table testId="deliveries" caption="Deliveries, newest first" columns={COLUMNS}>
            {data.items.map((d) => (
              <tr key={d.id}>
                <td>{formatTime(d.createdAt)}</td>
                <td>{d.type}</td>
                <td>
                  {d.leadId ? (
                    <Link href={`/leads/${encodeURIComponent(d.leadId)}`}>{d.leadId}</Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <span className={`badge ${STATUS_CLASS[d.status]}`}>{d.status}</span>
                  {d.nextAttemptAt && d.status === 'pending' && (
                    <div className="sub">next {formatTime(d.nextAttemptAt)}</div>
                  )}
                </td>
                <td className="num">{d.attemptCount}</td>
                <td className="sub">{d.lastError ?? ''}</td>
                <td>
                  {d.status !== 'pending' && mayRedeliver && (
                    <SmallButton
                      onClick={() =>
                        void redeliver(
                          `${base}/deliveries/${encodeURIComponent(d.id)}/redeliver`,
                          'Delivery is pending again.',
                        )
                      }
                    >
                      Redeliver
                    </SmallButton>
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
