// Population stability index per item (the probability and the most influential columns) as
// horizontal bars, with the warning threshold drawn as a line; bars past it in red.
import {
  Bar,
  BarChart,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

interface Props {
  items: readonly { name: string; psi: number; warning: boolean }[];
  threshold: number;
}

export function DriftChart({ items, threshold }: Props) {
  const data = items.map((i) => ({ ...i, psi: Math.round(i.psi * 1000) / 1000 }));
  const height = Math.max(120, data.length * 30 + 40);
  const top = Math.max(threshold * 1.5, ...data.map((d) => d.psi));
  return (
    <div
      style={{ width: '100%', height }}
      role="img"
      aria-label={`Drift (population stability index) against training: ${data
        .map((d) => `${d.name} ${d.psi}${d.warning ? ' (warning)' : ''}`)
        .join(', ')}; a value above ${threshold} warns`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
          <XAxis type="number" domain={[0, Math.ceil(top * 10) / 10]} fontSize={11} />
          <YAxis type="category" dataKey="name" width={140} fontSize={12} />
          <Tooltip formatter={(v) => [String(v), 'PSI']} />
          <ReferenceLine x={threshold} stroke="#e03131" strokeDasharray="4 3" />
          <Bar dataKey="psi" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.warning ? '#e03131' : '#4c6ef5'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
