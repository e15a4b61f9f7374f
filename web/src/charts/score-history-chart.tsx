// A lead's score over time, with the active model's segment thresholds drawn across it.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistoryEntry } from '../api/types';
import { formatTime } from '../lib/format';
import type { SegmentOutline } from '../lib/model-outline';
import { thresholdColor } from './threshold-color';

interface Props {
  history: readonly HistoryEntry[];
  segments: readonly SegmentOutline[];
}

export function ScoreHistoryChart({ history, segments }: Props) {
  const points = [...history]
    .reverse()
    .map((h) => ({ t: new Date(h.at).getTime(), score: Math.round(h.score * 100) / 100, h }));
  const thresholds = segments.filter((s) => s.threshold !== null);
  const scores = points.map((p) => p.score);
  const top = Math.max(0, ...scores, ...thresholds.map((s) => s.threshold ?? 0));
  const bottom = Math.min(0, ...scores);
  const span = points.length ? points[points.length - 1]!.t - points[0]!.t : 0;
  const tick = (t: number) =>
    span < 2 * 24 * 3600 * 1000
      ? new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
      : new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Score history: ${points.length} changes, latest ${scores.at(-1) ?? 'none'}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 10, right: 110, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef1f5" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={tick}
            fontSize={11}
          />
          <YAxis domain={[Math.floor(bottom), Math.ceil(top * 1.1)]} fontSize={11} width={44} />
          <Tooltip
            labelFormatter={(t) => formatTime(new Date(Number(t)).toISOString())}
            formatter={(value) => [String(value), 'Score']}
          />
          {thresholds.map((s, i) => (
            <ReferenceLine
              key={s.id}
              y={s.threshold!}
              stroke={thresholdColor(i)}
              strokeDasharray="4 4"
              label={{ value: `${s.id} ≥ ${s.threshold}`, position: 'right', fontSize: 11 }}
            />
          ))}
          <Line
            type="stepAfter"
            dataKey="score"
            stroke="#2f5bea"
            strokeWidth={2}
            dot={points.length < 40}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
