// The workspace's transitions feed: leads that changed segment, grade or stage, newest first.
import { useEffect, useState } from 'react';
import { api, messageOf, withQuery } from '../api/client';
import type { Page, ScorePoint, Transition } from '../api/types';
import { Link } from '../components/link';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatScore, formatTime } from '../lib/format';

function Change({ from, to }: { from: ScorePoint | null; to: ScorePoint }) {
  const parts: string[] = [];
  if (!from)
    return (
      <span>
        entered {to.segment} ({to.grade ?? '—'}, {to.stage.toUpperCase()})
      </span>
    );
  if (from.segment !== to.segment) parts.push(`${from.segment} → ${to.segment}`);
  if (from.grade !== to.grade) parts.push(`grade ${from.grade ?? '—'} → ${to.grade ?? '—'}`);
  if (from.stage !== to.stage)
    parts.push(`${from.stage.toUpperCase()} → ${to.stage.toUpperCase()}`);
  return <span>{parts.join(' · ') || 'no visible change'}</span>;
}

export function TransitionsPanel() {
  const [items, setItems] = useState<Transition[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const load = async (before: string | null) => {
    setLoading(true);
    try {
      const page = await api<Page<Transition>>(withQuery('/v1/transitions', { limit: 50, before }));
      setItems((old) => (before ? [...old, ...page.items] : page.items));
      setNext(page.next);
      setError(undefined);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section className="card" aria-labelledby="transitions-h">
      <div className="page-header" style={{ marginBottom: '0.5rem' }}>
        <h2 id="transitions-h">Transitions</h2>
        <button type="button" className="button small ghost" onClick={() => void load(null)}>
          Refresh
        </button>
      </div>
      {error ? (
        <ErrorNote error={new Error(error)} onRetry={() => void load(null)} />
      ) : loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No lead has changed segment, grade or stage yet.</Empty>
      ) : (
        <div className="table-wrap scroll">
          <table className="table" data-testid="transitions">
            <caption className="sr-only">Transitions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Lead</th>
                <th scope="col">Change</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Cause</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t, i) => (
                <tr key={`${t.leadId}-${t.at}-${i}`}>
                  <td>{formatTime(t.at)}</td>
                  <td>
                    <Link href={`/leads/${encodeURIComponent(t.leadId)}`}>{t.leadId}</Link>
                  </td>
                  <td>
                    <Change from={t.from} to={t.to} />
                  </td>
                  <td className="num">
                    {t.from ? `${formatScore(t.from.score)} → ` : ''}
                    {formatScore(t.to.score)}
                  </td>
                  <td className="sub">
                    {t.cause}
                    {t.causeRef
                      ? ` ${t.cause === 'model' ? 'v' : ''}${t.causeRef.slice(0, 12)}`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button
          type="button"
          className="button small"
          style={{ marginTop: '0.5rem' }}
          disabled={loading}
          onClick={() => void load(next)}
        >
          {loading ? 'Loading…' : 'Older transitions'}
        </button>
      )}
    </section>
  );
}
