// The lead list's filters and sort, kept in the address (so a filtered list can be shared and
// survives a reload); text fields apply after a short pause in typing.
import { useEffect, useState } from 'react';
import type { ModelOutline } from '../lib/model-outline';

export const FILTERS = [
  'segment',
  'grade',
  'stage',
  'minScore',
  'maxScore',
  'owner',
  'search',
  'sort',
] as const;
export type Filter = (typeof FILTERS)[number];
export type Filters = Partial<Record<Filter, string>>;

export function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

const TEXT: Filter[] = ['minScore', 'maxScore', 'owner', 'search'];

interface Props {
  filters: Filters;
  outline: ModelOutline | undefined;
  onChange: (filters: Filters) => void;
}

export function LeadsFilters({ filters, outline, onChange }: Props) {
  const [text, setText] = useState<Filters>(filters);

  useEffect(() => setText(filters), [filters]);

  useEffect(() => {
    const changed = TEXT.some((name) => (text[name] ?? '') !== (filters[name] ?? ''));
    if (!changed) return;
    const timer = window.setTimeout(() => onChange({ ...filters, ...pick(text) }), 350);
    return () => window.clearTimeout(timer);
  }, [text, filters, onChange]);

  const set = (name: Filter, value: string) => onChange({ ...filters, [name]: value || undefined });
  const type = (name: Filter, value: string) => setText((t) => ({ ...t, [name]: value }));

  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field grow">
        <label htmlFor="f-search">Search</label>
        <input
          id="f-search"
          type="search"
          placeholder="Name, email or company"
          value={text.search ?? ''}
          onChange={(e) => type('search', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-segment">Segment</label>
        <select
          id="f-segment"
          value={filters.segment ?? ''}
          onChange={(e) => set('segment', e.target.value)}
        >
          <option value="">All</option>
          {outline?.segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-grade">Grade</label>
        <select
          id="f-grade"
          value={filters.grade ?? ''}
          onChange={(e) => set('grade', e.target.value)}
        >
          <option value="">All</option>
          {outline?.grades.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-stage">Stage</label>
        <select
          id="f-stage"
          value={filters.stage ?? ''}
          onChange={(e) => set('stage', e.target.value)}
        >
          <option value="">All</option>
          <option value="bofu">BOFU (hot)</option>
          <option value="mofu">MOFU (warm)</option>
          <option value="tofu">TOFU (cold)</option>
        </select>
      </div>
      <div className="field narrow">
        <label htmlFor="f-min">Min score</label>
        <input
          id="f-min"
          type="number"
          inputMode="decimal"
          value={text.minScore ?? ''}
          onChange={(e) => type('minScore', e.target.value)}
        />
      </div>
      <div className="field narrow">
        <label htmlFor="f-max">Max score</label>
        <input
          id="f-max"
          type="number"
          inputMode="decimal"
          value={text.maxScore ?? ''}
          onChange={(e) => type('maxScore', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-owner">Owner</label>
        <input
          id="f-owner"
          type="text"
          placeholder="rep@example.com"
          value={text.owner ?? ''}
          onChange={(e) => type('owner', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-sort">Sort</label>
        <select
          id="f-sort"
          value={filters.sort ?? '-score'}
          onChange={(e) => set('sort', e.target.value)}
        >
          <option value="-score">Highest score</option>
          <option value="score">Lowest score</option>
          <option value="-updatedAt">Recently updated</option>
          <option value="updatedAt">Least recently updated</option>
        </select>
      </div>
    </form>
  );
}

function pick(text: Filters): Filters {
  const out: Filters = {};
  for (const name of TEXT) out[name] = text[name] || undefined;
  return out;
}
