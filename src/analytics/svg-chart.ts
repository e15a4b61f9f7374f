// An inline SVG bar chart of conversion rates, each bar with its Wilson interval as a whisker
// and a dashed line at the base rate.
import { interval, percent } from './format.js';
import { escapeHtml } from './html-escape.js';

export interface Bar {
  label: string;
  rate: number;
  low: number;
  high: number;
  leads: number;
}

const LABEL_WIDTH = 180;
const PLOT_WIDTH = 360;
const TEXT_WIDTH = 200;
const ROW = 22;
const TOP = 18;
const MAX_LABEL = 26;

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** `name` goes into data-chart, so a reader (or test) can find the chart of each table. */
export function rateChart(name: string, bars: readonly Bar[], base: number): string {
  const scale = Math.max(base, ...bars.map((b) => b.high)) || 1;
  const x = (v: number): number => LABEL_WIDTH + (v / scale) * PLOT_WIDTH;
  const height = TOP + bars.length * ROW + 6;
  const width = LABEL_WIDTH + PLOT_WIDTH + TEXT_WIDTH;
  const rows = bars.map((b, k) => {
    const y = TOP + k * ROW;
    const mid = y + ROW / 2;
    const tip = `${b.label}: ${percent(b.rate)} (95% CI ${interval(b.low, b.high)}), ${b.leads} leads`;
    return (
      `<g><title>${escapeHtml(tip)}</title>` +
      `<text x="${LABEL_WIDTH - 6}" y="${mid + 4}" text-anchor="end">${escapeHtml(shorten(b.label))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${(x(b.rate) - LABEL_WIDTH).toFixed(1)}" height="${ROW - 8}" class="bar"/>` +
      `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${mid}" y2="${mid}" class="ci"/>` +
      `<line x1="${x(b.low).toFixed(1)}" x2="${x(b.low).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}" class="ci"/>` +
      `<line x1="${x(b.high).toFixed(1)}" x2="${x(b.high).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}" class="ci"/>` +
      `<text x="${LABEL_WIDTH + PLOT_WIDTH + 8}" y="${mid + 4}">${escapeHtml(`${percent(b.rate)} (${interval(b.low, b.high)}) n=${b.leads}`)}</text>` +
      `</g>`
    );
  });
  const baseX = x(base).toFixed(1);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="rate-chart" data-chart="${escapeHtml(name)}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="${escapeHtml(`conversion rate by ${name}`)}">` +
    rows.join('') +
    `<line x1="${baseX}" x2="${baseX}" y1="${TOP - 4}" y2="${height - 2}" class="base"/>` +
    `<text x="${baseX}" y="${TOP - 6}" text-anchor="middle" class="base-label">base ${percent(base)}</text>` +
    `</svg>`
  );
}
