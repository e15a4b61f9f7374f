// The lead list's filters and sort, kept in the address (so a filtered list can be shared and
// survives a reload); text fields apply after a short pause in typing.
import { useEffect, useState } from 'react';
import { Field } from '../components/field';
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

/** A select's option: its value and what it reads. */
type Option = [string, string];

const ALL: Option = ['', 'All'];
const STAGES: Option[] = [
  ALL,
  ['bofu', 'BOFU (hot)'],
  ['mofu', 'MOFU (warm)'],
  ['tofu', 'TOFU (cold)'],
];
const SORTS: Option[] = [
  ['-score', 'Highest score'],
  ['score', 'Lowest score'],
  ['-updatedAt', 'Recently updated'],
  ['updatedAt', 'Least recently updated'],
];

interface InputAttrs {
  type: 'search' | 'number' | 'text';
  size?: 'grow' | 'narrow';
  inputMode?: 'decimal';
  placeholder?: string;
}

const NUMBER: InputAttrs = { type: 'number', size: 'narrow', inputMode: 'decimal' };

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

  const select = (name: Filter, label: string, options: Option[], fallback = '') => (
    <Field id={`f-${name}`} label={label}>
      <select
        id={`f-${name}`}
        value={filters[name] ?? fallback}
        onChange={(e) => set(name, e.target.value)}
      >
        {options.map(([value, reads]) => (
          <option key={value} value={value}>
            {reads}
          </option>
        ))}
      </select>
    </Field>
  );
  const input = (name: Filter, id: string, label: string, attrs: InputAttrs) => (
    <Field id={id} label={label} size={attrs.size}>
      <input
        id={id}
        type={attrs.type}
        inputMode={attrs.inputMode}
        placeholder={attrs.placeholder}
        value={text[name] ?? ''}
        onChange={(e) => type(name, e.target.value)}
      />
    </Field>
  );

  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      {input('search', 'f-search', 'Search', {
        size: 'grow',
        type: 'search',
        placeholder: 'Name, email or company',
      })}
      {select('segment', 'Segment', [
        ALL,
        ...(outline?.segments.map((s): Option => [s.id, s.id]) ?? []),
      ])}
      {select('grade', 'Grade', [ALL, ...(outline?.grades.map((g): Option => [g, g]) ?? [])])}
      {select('stage', 'Stage', STAGES)}
      {input('minScore', 'f-min', 'Min score', NUMBER)}
      {input('maxScore', 'f-max', 'Max score', NUMBER)}
      {input('owner', 'f-owner', 'Owner', { type: 'text', placeholder: 'rep@example.com' })}
      {select('sort', 'Sort', SORTS, '-score')}
    </form>
  );
}

function pick(text: Filters): Filters {
  const out: Filters = {};
  for (const name of TEXT) out[name] = text[name] || undefined;
  return out;
}
