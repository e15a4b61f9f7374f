// One subscription's delivery log: status, attempts and the last error, with redelivery.
import { useState } from 'react';
import { api, messageOf, withQuery } from '../api/client';
import type { Page, WebhookDelivery } from '../api/types';
import { Link } from '../components/link';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';
import { useApi } from '../lib/use-api';

const STATUS_CLASS = { succeeded: 'ok', failed: 'bad', pending: '' } as const;

export function DeliveriesPanel({ webhookId }: { webhookId: string }) {
  const [status, setStatus] = useState('');
  const base = `/v1/webhooks/${encodeURIComponent(webhookId)}`;
  const deliveries = useApi<Page<WebhookDelivery>>(
    withQuery(`${base}/deliveries`, { status, limit: 50 }),
  );
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();

  const redeliver = async (path: string, done: string) => {
    setError(undefined);
    try {
      const answer = await api<{ redelivered?: number }>(path, { method: 'POST' });
      setNote(answer.redelivered !== undefined ? `${answer.redelivered} ${done}` : done);
      deliveries.reload();
    } catch (reason) {
      setError(messageOf(reason));
    }
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
          <button
            type="button"
            className="button small"
            onClick={() =>
              void redeliver(`${base}/redeliver-failed`, 'failed deliveries are pending again')
            }
          >
            Redeliver all failed
          </button>
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
      {deliveries.error ? (
        <ErrorNote error={deliveries.error} onRetry={deliveries.reload} />
      ) : !deliveries.data ? (
        <Loading />
      ) : deliveries.data.items.length === 0 ? (
        <Empty>No deliveries{status ? ` with status ${status}` : ''} yet.</Empty>
      ) : (
        <div className="table-wrap scroll">
          <table className="table" data-testid="deliveries">
            <caption className="sr-only">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Notification</th>
                <th scope="col">Lead</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
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
                    {d.status !== 'pending' && (
                      <button
                        type="button"
                        className="button small"
                        onClick={() =>
                          void redeliver(
                            `${base}/deliveries/${encodeURIComponent(d.id)}/redeliver`,
                            'Delivery is pending again.',
                          )
                        }
                      >
                        Redeliver
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
