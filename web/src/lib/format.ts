// How numbers, scores, rates and times read on screen.

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return score.toFixed(1);
}

export function formatPoints(points: number): string {
  const text = Math.abs(points) < 0.05 && points !== 0 ? points.toFixed(3) : points.toFixed(2);
  return points > 0 ? `+${text}` : text;
}

/** A contribution or importance to 2 significant digits (1.0512 -> 1.1, 0.0345 -> 0.035). */
export function formatSignificant(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** A log-odds contribution, signed: +1.1, -0.035. */
export function formatContribution(n: number): string {
  const text = formatSignificant(n);
  return n > 0 ? `+${text}` : text;
}

export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", relative to `now` (epoch ms). */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (!Number.isFinite(seconds)) return iso;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}
