// Leads: the ranked list with filters, sort and cursor paging (stable while scores change,
// since each page continues from where the last one ended).
import { useCallback, useMemo, useState } from 'react';
import { withQuery } from '../api/client';
import type { LeadListItem, Page } from '../api/types';
import { HeatMark } from '../components/heat-mark';
import { Link } from '../components/link';
import { PageHeader } from '../components/page-header';
import { Sparkline } from '../components/sparkline';
import { Empty, ErrorNote, Loading } from '../components/status';
import { num, Table } from '../components/table';
import { formatAgo, formatScore } from '../lib/format';
import { can } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useActiveModel } from '../lib/use-active-model';
import { useApi } from '../lib/use-api';
import { navigate } from '../router';
import { LeadsExport } from './leads-export';
import { filtersOf, LeadsFilters, type Filters } from './leads-filters';

const PAGE_SIZE = 25;
const COLUMNS = [
  num('#'),
  'Lead',
  num('Score'),
  'Grade',
  'Segment',
  { label: 'Owner', className: 'hide-narrow' },
  { label: 'Last activity', className: 'hide-narrow' },
  'Trend',
];

export function LeadsPage({ query }: { query: URLSearchParams }) {
  const search = query.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const cursor = query.get('cursor');
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const model = useActiveModel();
  const { workspace } = useAccess();
  const leads = useApi<Page<LeadListItem>>(
    withQuery('/v1/leads', { ...filters, limit: PAGE_SIZE, cursor }),
  );

  const go = useCallback((next: Filters, at: string | null) => {
    navigate(withQuery('/leads', { ...next, cursor: at }));
  }, []);
  const changeFilters = useCallback(
    (next: Filters) => {
      setPrevious([]);
      go(next, null);
    },
    [go],
  );

  const offset = previous.length * PAGE_SIZE;
  const items = leads.data?.items ?? [];

  return (
    <section className="page">
      <PageHeader
        title="Leads"
        actions={
          <div className="actions">
            {can(workspace, 'data.export') && <LeadsExport filters={filters} />}
            <button type="button" className="button ghost" onClick={leads.reload}>
              Refresh
            </button>
          </div>
        }
      >
        Ranked by score
        {model.outline ? ` · model “${model.outline.name}” v${model.version}` : ''}
      </PageHeader>
      <LeadsFilters filters={filters} outline={model.outline} onChange={changeFilters} />
      {leads.error ? (
        <ErrorNote error={leads.error} onRetry={leads.reload} />
      ) : leads.loading && !leads.data ? (
        <Loading label="Loading leads…" />
      ) : items.length === 0 ? (
        <Empty>No leads match these filters.</Empty>
      ) : (
        <div className={`table-wrap${leads.loading ? ' is-stale' : ''}`}>
          <Table
            className="leads-table"
            busy={leads.loading}
            caption="Leads, ranked"
            columns={COLUMNS}
          >
            {items.map((lead, i) => (
              <tr key={lead.id} data-lead-id={lead.id}>
                <td className="num muted">{offset + i + 1}</td>
                <td>
                  <Link className="lead-link" href={`/leads/${encodeURIComponent(lead.id)}`}>
                    {lead.name ?? lead.email ?? lead.id}
                  </Link>
                  <div className="sub">
                    {[lead.company, lead.email].filter(Boolean).join(' · ') || lead.id}
                  </div>
                  <div className="sub show-narrow">
                    {lead.owner ?? 'no owner'} · active {formatAgo(lead.lastActivityAt)}
                  </div>
                </td>
                <td className="num">
                  <span className="score" data-testid="lead-score">
                    {formatScore(lead.score)}
                  </span>{' '}
                  <HeatMark stage={lead.stage} />
                </td>
                <td>
                  <span className="grade">{lead.grade ?? '—'}</span>
                </td>
                <td>
                  <span className="segment" data-testid="lead-segment">
                    {lead.segment ?? '—'}
                  </span>
                  <div className="sub">{lead.stage?.toUpperCase() ?? ''}</div>
                </td>
                <td className="hide-narrow">{lead.owner ?? <span className="muted">—</span>}</td>
                <td className="hide-narrow">{formatAgo(lead.lastActivityAt)}</td>
                <td>
                  <Sparkline values={lead.trend} />
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          className="button"
          disabled={previous.length === 0}
          onClick={() => {
            const back = previous.slice(0, -1);
            const at = previous[previous.length - 1] ?? null;
            setPrevious(back);
            go(filters, at);
          }}
        >
          ← Previous
        </button>
        <span className="muted">
          {items.length > 0 ? `${offset + 1}–${offset + items.length}` : ''}
        </span>
        <button
          type="button"
          className="button"
          disabled={!leads.data?.next}
          onClick={() => {
            setPrevious([...previous, cursor]);
            go(filters, leads.data?.next ?? null);
          }}
        >
          Next →
        </button>
      </nav>
    </section>
  );
}
