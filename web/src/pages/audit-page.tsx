// Audit (owners): every change made through the management API, newest first, filtered by actor,
// action, target and time range (kept in the address), a page at a time.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditEntry } from '../api/auth-types';
import { withQuery } from '../api/client';
import { Field } from '../components/field';
import { PageHeader } from '../components/page-header';
import { SettingsTabs } from '../components/settings-tabs';
import { Empty, ErrorNote, Loading } from '../components/status';
import { Table } from '../components/table';
import {
  AUDIT_FILTERS,
  auditFiltersOf,
  auditQueryOf,
  type AuditFilter,
  type AuditFilters,
} from '../lib/audit-query';
import { summaryText } from '../lib/audit-summary';
import { formatTime } from '../lib/format';
import { usePages } from '../lib/use-pages';
import { navigate } from '../router';

const PAGE_SIZE = 50;
const COLUMNS = ['When', 'Who', 'Address', 'Action', 'Target', 'Summary'];

const INPUTS: Record<AuditFilter, { label: string; type: string; placeholder?: string }> = {
  actor: { label: 'Actor', type: 'text', placeholder: 'e-mail, key name or id' },
  action: { label: 'Action', type: 'text', placeholder: 'model.activate' },
  target: { label: 'Target', type: 'text', placeholder: 'lead:u1, key:…' },
  from: { label: 'From', type: 'datetime-local' },
  to: { label: 'To', type: 'datetime-local' },
};

export function AuditPage({ query }: { query: URLSearchParams }) {
  const search = query.toString();
  const filters = useMemo(() => auditFiltersOf(new URLSearchParams(search)), [search]);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const path = withQuery('/v1/audit', auditQueryOf(filters));
  const pages = usePages<AuditEntry>(path, PAGE_SIZE, 0, 'after');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/settings/audit', draft));
  };

  return (
    <section className="page">
      <PageHeader title="Audit">
        Every change made through the API or the dashboard: who, from where, what and to what.
        Entries cannot be edited or deleted.
      </PageHeader>
      <SettingsTabs />
      <form className="filters" role="search" aria-label="Audit filters" onSubmit={apply}>
        {AUDIT_FILTERS.map((name) => (
          <Field key={name} id={`audit-${name}`} label={INPUTS[name].label}>
            <input
              id={`audit-${name}`}
              type={INPUTS[name].type}
              placeholder={INPUTS[name].placeholder}
              value={draft[name] ?? ''}
              onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value || undefined }))}
            />
          </Field>
        ))}
        <button type="submit" className="button primary">
          Filter
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => navigate('/settings/audit')}
          disabled={Object.keys(filters).length === 0}
        >
          Clear
        </button>
      </form>
      {pages.error && (
        <ErrorNote error={new Error(pages.error)} onRetry={() => void pages.load(null)} />
      )}
      {pages.loading && pages.items.length === 0 ? (
        <Loading label="Loading the audit trail…" />
      ) : pages.items.length === 0 && !pages.error ? (
        <Empty>No entries match these filters.</Empty>
      ) : (
        <div className="table-wrap">
          <Table testId="audit" caption="Audit entries, newest first" columns={COLUMNS}>
            {pages.items.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td title={e.at}>{formatTime(e.at)}</td>
                <td data-testid="audit-actor">
                  {e.actorName}
                  <div className="sub">{e.actorKind}</div>
                </td>
                <td>{e.ip ?? <span className="muted">—</span>}</td>
                <td>
                  <code data-testid="audit-action">{e.action}</code>
                </td>
                <td style={{ overflowWrap: 'anywhere' }}>{e.target ?? '—'}</td>
                <td className="sub">
                  {summaryText(e.summary) || <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {pages.next && (
        <p>
          <button
            type="button"
            className="button"
            disabled={pages.loading}
            onClick={() => void pages.load(pages.next)}
          >
            {pages.loading ? 'Loading…' : 'Older entries'}
          </button>
        </p>
      )}
    </section>
  );
}
