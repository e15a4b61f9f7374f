// My leads: the leads the signed-in rep owns, hot first, what changed since the last visit (as
// this browser remembers it) and the accept / reject / outcome buttons on each.
import { useEffect, useMemo, useState } from 'react';
import { withQuery } from '../api/client';
import type { LeadListItem, Page } from '../api/types';
import { HeatMark } from '../components/heat-mark';
import { Link } from '../components/link';
import { PageHeader } from '../components/page-header';
import { Empty, ErrorNote, Loading } from '../components/status';
import { num, Table } from '../components/table';
import { actRefusalOf } from '../lib/access';
import { formatAgo, formatScore, formatTime } from '../lib/format';
import {
  changesSince,
  hotFirst,
  readSeen,
  seenKey,
  seenOf,
  writeSeen,
  type Change,
} from '../lib/my-leads';
import { useAccess } from '../lib/use-access';
import { useApi } from '../lib/use-api';
import { SalesActions } from './lead-sales-actions';

const LIMIT = 200;
const COLUMNS = [
  'Lead',
  num('Score'),
  'Since your last visit',
  'Segment',
  { label: 'Last activity', className: 'hide-narrow' },
  'Feedback',
];

function ChangeBadge({ change }: { change: Change }) {
  switch (change.kind) {
    case 'new':
      return <span className="badge accent">new to you</span>;
    case 'jump':
      return (
        <span className={`badge ${change.to > change.from ? 'ok' : 'bad'}`}>
          score {formatScore(change.from)} → {formatScore(change.to)}
        </span>
      );
    case 'segment':
      return (
        <span className="badge">
          {change.from ?? '—'} → {change.to ?? '—'}
        </span>
      );
  }
}

export function MyLeadsPage() {
  const { email, workspace } = useAccess();
  const key = email && workspace ? seenKey(workspace.id, email) : null;
  // The last visit, read once: this visit's view is kept below for the next one.
  const [seen] = useState(() => (key ? readSeen(key) : null));
  const leads = useApi<Page<LeadListItem>>(
    email ? withQuery('/v1/leads', { owner: email, sort: '-score', limit: LIMIT }) : null,
  );
  const items = useMemo(() => hotFirst(leads.data?.items ?? []), [leads.data]);
  const changes = useMemo(() => changesSince(seen, items), [seen, items]);

  useEffect(() => {
    if (key && leads.data) writeSeen(key, seenOf(leads.data.items, new Date().toISOString()));
  }, [key, leads.data]);

  const refusal = actRefusalOf(workspace, email, email);
  const moved = [...changes.values()].flat();
  const count = (kind: Change['kind']) => moved.filter((c) => c.kind === kind).length;

  return (
    <section className="page">
      <PageHeader
        title="My leads"
        actions={
          <button type="button" className="button ghost" onClick={leads.reload}>
            Refresh
          </button>
        }
      >
        Leads owned by <strong>{email}</strong>, hot first.{' '}
        {seen
          ? `Since your last visit (${formatTime(seen.at)}, as this browser remembers it): ${count('new')} new, ${count('jump')} score jumps of 10 points or more, ${count('segment')} segment moves.`
          : 'Changes since your last visit show from your next visit in this browser.'}
      </PageHeader>
      {leads.error ? (
        <ErrorNote error={leads.error} onRetry={leads.reload} />
      ) : leads.loading && !leads.data ? (
        <Loading label="Loading your leads…" />
      ) : items.length === 0 ? (
        <Empty>
          No lead is assigned to you yet. Lead routing assigns leads to their owner; an owner or a
          marketer can route them to <strong>{email}</strong>.
        </Empty>
      ) : (
        <div className="table-wrap">
          <Table className="leads-table my-leads" caption="My leads, hot first" columns={COLUMNS}>
            {items.map((lead) => {
              const name = lead.name ?? lead.email ?? lead.id;
              return (
                <tr key={lead.id} data-lead-id={lead.id}>
                  <td>
                    <Link className="lead-link" href={`/leads/${encodeURIComponent(lead.id)}`}>
                      {name}
                    </Link>
                    <div className="sub">
                      {[lead.company, lead.email].filter(Boolean).join(' · ') || lead.id}
                    </div>
                  </td>
                  <td className="num">
                    <span className="score" data-testid="lead-score">
                      {formatScore(lead.score)}
                    </span>{' '}
                    <HeatMark stage={lead.stage} />
                  </td>
                  <td data-testid="lead-changes">
                    {(changes.get(lead.id) ?? []).map((change, i) => (
                      <ChangeBadge key={i} change={change} />
                    ))}
                  </td>
                  <td>
                    <span className="segment" style={{ whiteSpace: 'nowrap' }}>
                      {lead.segment ?? '—'}
                    </span>
                  </td>
                  <td className="hide-narrow">{formatAgo(lead.lastActivityAt)}</td>
                  <td>
                    {refusal ? (
                      <span className="hint">{refusal}</span>
                    ) : (
                      <SalesActions
                        leadId={lead.id}
                        leadName={name}
                        onChange={leads.reload}
                        compact
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        </div>
      )}
      {leads.data?.next && (
        <p className="hint">
          The {LIMIT} highest-scored of your leads are shown.{' '}
          <Link href={withQuery('/leads', { owner: email })}>See all of them on Leads</Link>.
        </p>
      )}
    </section>
  );
}
