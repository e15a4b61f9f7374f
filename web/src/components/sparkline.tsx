// A small inline chart of a lead's recent scores.
import { sparklinePoints, trendDirection } from '../lib/sparkline-points';

const BOX = { width: 84, height: 22, pad: 2 };

export function Sparkline({ values }: { values: readonly number[] | undefined }) {
  if (!values || values.length === 0) return <span className="muted">—</span>;
  const points = sparklinePoints(values, BOX);
  const direction = trendDirection(values);
  const last = points[points.length - 1];
  const first = values[0]!.toFixed(0);
  const end = values[values.length - 1]!.toFixed(0);
  return (
    <svg
      className={`sparkline trend-${direction}`}
      width={BOX.width}
      height={BOX.height}
      role="img"
      aria-label={`Score trend ${direction}: from ${first} to ${end}`}
    >
      <polyline points={points.map((p) => p.join(',')).join(' ')} fill="none" />
      {last && <circle cx={last[0]} cy={last[1]} r={2} />}
    </svg>
  );
}
