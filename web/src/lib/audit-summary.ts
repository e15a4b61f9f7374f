// An audit entry's before/after summary as one line: `active: 1 → 2`, `role: viewer`,
// `was role: sales`, plus any other fields as `name: value`.

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function changes(before: Fields | undefined, after: Fields | undefined): string[] {
  if (before && after) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return names.map((name) =>
      valueText(before[name]) === valueText(after[name])
        ? `${name}: ${valueText(after[name])}`
        : `${name}: ${valueText(before[name])} → ${valueText(after[name])}`,
    );
  }
  if (after) return Object.entries(after).map(([name, v]) => `${name}: ${valueText(v)}`);
  if (before) return Object.entries(before).map(([name, v]) => `was ${name}: ${valueText(v)}`);
  return [];
}

export function summaryText(summary: Record<string, unknown>): string {
  const { before, after, ...rest } = summary;
  const lines = changes(isFields(before) ? before : undefined, isFields(after) ? after : undefined);
  if (before !== undefined && !isFields(before)) rest.before = before;
  if (after !== undefined && !isFields(after)) rest.after = after;
  for (const [name, value] of Object.entries(rest)) lines.push(`${name}: ${valueText(value)}`);
  return lines.join(' · ');
}
