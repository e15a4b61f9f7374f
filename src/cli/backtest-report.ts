// The backtest report as text: the segment move matrix, the two models' ranking of known
// outcomes side by side, and the capacity plan with its curve drawn as bars.
import type { BacktestResult, Ranking } from '../service/backtest/backtest-result.js';

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));

/** Columns aligned: the first and any `left` ones to the left, numbers to the right. */
function table(rows: string[][], left: readonly number[] = []): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const align = (cell: string, c: number) =>
    c === 0 || left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!);
  return rows.map((r) => r.map(align).join('  ').trimEnd()).join('\n');
}

function movesTable(result: BacktestResult): string {
  const from = [...new Set(result.moves.map((m) => m.from))];
  const count = (f: string | null, t: string) =>
    result.moves.find((m) => m.from === f && m.to === t)?.count ?? 0;
  const rows = [['active \\ candidate', ...result.segments]];
  for (const f of from)
    rows.push([f ?? '(unscored)', ...result.segments.map((t) => String(count(f, t)))]);
  return table(rows);
}

function rankingRows(label: string, r: Ranking | null): string[] {
  return [label, num(r?.auc ?? null), num(r?.liftTop10 ?? null, 2)];
}

function segmentRates(label: string, r: Ranking): string {
  const rows = [['segment', 'leads', 'converted', 'rate']];
  for (const s of r.bySegment)
    rows.push([s.segment, String(s.leads), String(s.converted), pct(s.rate)]);
  return `${label}\n${table(rows)}`;
}

function capacityText(capacity: NonNullable<BacktestResult['capacity']>): string {
  const lines = [
    `Sales capacity: ${capacity.perWeek} leads a week (flow measured over the last ${capacity.weeks} weeks)`,
    capacity.threshold === null
      ? 'No threshold fits: even the highest one sends more leads a week than that.'
      : `Hand over at score >= ${capacity.threshold}: ${capacity.leadsPerWeek.toFixed(1)} leads a week, ` +
        `${capacity.expectedConversionsPerWeek.toFixed(2)} expected conversions a week`,
    '',
  ];
  const most = Math.max(...capacity.curve.map((p) => p.expectedConversionsPerWeek ?? 0), 1e-9);
  const rows = [['threshold', 'leads/week', 'conv. rate', 'exp. conv./week', '']];
  for (const p of capacity.curve) {
    const bar = '#'.repeat(Math.round(((p.expectedConversionsPerWeek ?? 0) / most) * 30));
    const mark =
      p.threshold === capacity.threshold
        ? ' <'
        : p.leadsPerWeek > capacity.perWeek
          ? ' (over capacity)'
          : '';
    rows.push([
      String(p.threshold),
      p.leadsPerWeek.toFixed(1),
      pct(p.conversionRate),
      num(p.expectedConversionsPerWeek, 2),
      bar + mark,
    ]);
  }
  return lines.join('\n') + table(rows, [4]);
}

export function backtestText(result: BacktestResult): string {
  const { ranking, candidate } = result;
  const predictive = candidate.kind === 'predictive';
  const name = predictive
    ? candidate.name
    : `${candidate.name}${candidate.version === null ? ' (draft)' : ` v${candidate.version}`}`;
  const against =
    result.activeVersion === null ? 'no active model' : `active v${result.activeVersion}`;
  const parts = [`Backtest of ${name} against ${against}, as of ${result.asOf}`];
  if (predictive) parts.push(`${result.leads} leads.`, '');
  else
    parts.push(
      `${result.leads} leads; ${result.moved} would change segment.`,
      '',
      'Segment moves (rows: now, columns: with the candidate)',
      movesTable(result),
      '',
    );
  const scope = predictive
    ? 'held out by its training, the same for both'
    : 'scored just before each outcome';
  parts.push(
    `Known outcomes: ${ranking.known} (${ranking.converted} converted), ${scope}`,
    table([
      ['model', 'ROC AUC', 'lift top 10%'],
      rankingRows('active', ranking.active),
      rankingRows('candidate', ranking.candidate),
    ]),
    '',
  );
  if (ranking.active) parts.push(segmentRates('Conversion by segment, active', ranking.active), '');
  const by = predictive ? 'band' : 'segment';
  parts.push(segmentRates(`Conversion by ${by}, candidate`, ranking.candidate), '');
  if (result.capacity) parts.push(capacityText(result.capacity), '');
  return parts.join('\n');
}
