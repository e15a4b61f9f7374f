// "Why this score": every criterion, rule and manual adjustment with its points as given, after the cap and after
// decay, adding up to the score; each event's contribution on demand.
import { useState } from 'react';
import type { Contribution } from '../api/types';
import { Empty } from '../components/status';
import { num, Table } from '../components/table';
import { formatAgo, formatPoints, formatTime } from '../lib/format';
import { groupContributions, totalOf } from '../lib/contributions';

const AMOUNTS = [num('Points'), num('After cap'), num('After decay')];
const GROUP_COLUMNS = [
  'Criterion or rule',
  'Category',
  num('Times'),
  ...AMOUNTS,
  { label: 'Latest', className: 'hide-narrow' },
];
const EVENT_COLUMNS = ['Rule', 'Event time', ...AMOUNTS];

export function LeadContributions({
  contributions,
  score,
}: {
  contributions: readonly Contribution[];
  score: number | null;
}) {
  const [detail, setDetail] = useState(false);
  if (contributions.length === 0)
    return <Empty>No criterion, rule or adjustment gives this lead points yet.</Empty>;
  const groups = groupContributions(contributions);
  const total = totalOf(contributions);
  return (
    <>
      <div className="table-wrap">
        <Table
          testId="contributions"
          caption="Points per criterion and rule"
          columns={GROUP_COLUMNS}
          foot={
            <tr>
              <td colSpan={5}>Total (the score{score === null ? '' : ` ${score.toFixed(2)}`})</td>
              <td className="num" data-testid="contributions-total">
                {total.toFixed(2)}
              </td>
              <td className="hide-narrow" />
            </tr>
          }
        >
          {groups.map((g) => (
            <tr key={`${g.kind}:${g.id}`}>
              <td>
                {g.kind === 'manual' ? (
                  <span data-testid="manual-contribution">{g.reason}</span>
                ) : (
                  <code>{g.id}</code>
                )}{' '}
                <span className="badge">{g.kind}</span>
              </td>
              <td>{g.category}</td>
              <td className="num">{g.count}</td>
              <td className="num">{formatPoints(g.points)}</td>
              <td className={`num${g.afterCap !== g.points ? ' dim' : ''}`}>
                {formatPoints(g.afterCap)}
              </td>
              <td className="num" data-testid="contribution-points">
                <strong>{formatPoints(g.afterDecay)}</strong>
              </td>
              <td className="hide-narrow">{g.lastTime ? formatAgo(g.lastTime) : ''}</td>
            </tr>
          ))}
        </Table>
      </div>
      <button
        type="button"
        className="button small"
        aria-expanded={detail}
        onClick={() => setDetail((d) => !d)}
        style={{ marginTop: '0.5rem' }}
      >
        {detail ? 'Hide' : 'Show'} every contribution ({contributions.length})
      </button>
      {detail && (
        <div className="table-wrap scroll" style={{ marginTop: '0.5rem' }}>
          <Table caption="Every contribution" columns={EVENT_COLUMNS}>
            {contributions.map((c, i) => (
              <tr key={i}>
                <td>
                  <code>{c.id}</code>
                </td>
                <td>{c.time ? formatTime(c.time) : 'fit'}</td>
                <td className="num">{formatPoints(c.points)}</td>
                <td className="num">{formatPoints(c.afterCap)}</td>
                <td className="num">{formatPoints(c.afterDecay)}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </>
  );
}
