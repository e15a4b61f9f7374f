// An audit entry's before/after summary as one line: `role: sales → viewer · name: crm`.

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null && 'from' in value && 'to' in value) {
    const { from, to } = value as { from: unknown; to: unknown };
    return `${valueText(from)} → ${valueText(to)}`;
  }
  return JSON.stringify(value);
}

export function summaryText(summary: Record<string, unknown>): string {
  return Object.entries(summary)
    .map(([name, value]) => `${name}: ${valueText(value)}`)
    .join(' · ');
}
