// The workspace's transitions feed: leads that changed segment, grade or stage, newest first.
import type { ScorePoint, Transition } from '../api/types';
import { Link } from '../components/link';
import { SmallButton } from '../components/small-button';
import { Empty, ErrorNote, Loading } from '../components/status';
import { num, Table } from '../components/table';
import { formatScore, formatTime } from '../lib/format';
import { usePages } from '../lib/use-pages';

const COLUMNS = ['When', 'Lead', 'Change', num('Score'), 'Cause'];

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
  const { items, next, error, loading, load } = usePages<Transition>('/v1/transitions', 50);

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
          <Table testId="transitions" caption="Transitions, newest first" columns={COLUMNS}>
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
                  {t.causeRef ? ` ${t.cause === 'model' ? 'v' : ''}${t.causeRef.slice(0, 12)}` : ''}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {next && (
        <SmallButton
          style={{ marginTop: '0.5rem' }}
          disabled={loading}
          onClick={() => void load(next)}
        >
          {loading ? 'Loading…' : 'Older transitions'}
        </SmallButton>
      )}
    </section>
  );
}
