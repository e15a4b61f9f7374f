// The score distribution as a histogram, with the segment thresholds drawn across it.
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Distribution } from '../api/types';
import { thresholdColor } from './threshold-color';

export function HistogramChart({ distribution }: { distribution: Distribution }) {
  const data = distribution.bins.map((b) => ({
    mid: (b.from + b.to) / 2,
    count: b.count,
    label: `${b.from.toFixed(0)} to ${b.to.toFixed(0)}`,
  }));
  const min = distribution.bins[0]?.from ?? 0;
  const max = distribution.bins.at(-1)?.to ?? 0;
  const thresholds = (distribution.thresholds ?? []).filter(
    (t): t is { segment: string; minScore: number } => t.minScore !== null,
  );
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Score distribution of ${distribution.scored} scored leads from ${min.toFixed(0)} to ${max.toFixed(0)}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          barCategoryGap={1}
          margin={{ top: 24, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#eef1f5" vertical={false} />
          <XAxis
            dataKey="mid"
            type="number"
            domain={[min, max]}
            tickFormatter={(v: number) => v.toFixed(0)}
            fontSize={11}
          />
          <YAxis fontSize={11} width={44} />
          <Tooltip
            labelFormatter={(_, payload) => {
              const row = payload?.[0]?.payload as { label?: string } | undefined;
              return `Score ${row?.label ?? ''}`;
            }}
            formatter={(v) => [String(v), 'Leads']}
          />
          <Bar dataKey="count" fill="#4c6ef5" isAnimationActive={false} />
          {thresholds.map((t, i) => (
            <ReferenceLine
              key={t.segment}
              x={t.minScore}
              stroke={thresholdColor(i)}
              strokeDasharray="4 4"
              label={{ value: t.segment, position: 'top', fontSize: 11 }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
