// The Audit page's filters: read from and kept in the address, and turned into the API's query
// (the time range typed as local date-times, sent as ISO-8601 instants).
export const AUDIT_FILTERS = ['actor', 'action', 'target', 'from', 'to'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Partial<Record<AuditFilter, string>>;

export function auditFiltersOf(query: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of AUDIT_FILTERS) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** A `datetime-local` value (the browser's zone) as an ISO instant; undefined when unreadable. */
export function instantOf(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The `GET /v1/audit` query of the filters (without paging). */
export function auditQueryOf(filters: AuditFilters): Record<string, string | undefined> {
  return {
    actor: filters.actor,
    action: filters.action,
    target: filters.target,
    from: instantOf(filters.from),
    to: instantOf(filters.to),
  };
}
