// Two bars side by side per category, a baseline in grey beside what it is compared with, and a
// legend naming both; rates read as percentages.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatRate } from '../lib/format';

interface Series {
  key: string;
  name: string;
}

interface Props {
  /** What the chart shows, for screen readers. */
  label: string;
  data: readonly object[];
  category: string;
  baseline: Series;
  compared: Series & { fill: string };
  rates?: boolean;
  verticalGrid?: boolean;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function PairedBarChart(props: Props) {
  const { label, data, category, baseline, compared, rates = false, verticalGrid = true } = props;
  return (
    <div className="chart small" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...data]}>
          <CartesianGrid stroke="#eef1f5" vertical={verticalGrid} />
          <XAxis dataKey={category} fontSize={11} />
          <YAxis {...(rates ? { tickFormatter: percent } : {})} fontSize={11} width={44} />
          <Tooltip
            {...(rates
              ? { formatter: (v: unknown) => formatRate(typeof v === 'number' ? v : null) }
              : {})}
          />
          <Legend />
          <Bar
            dataKey={baseline.key}
            name={baseline.name}
            fill="#adb5bd"
            isAnimationActive={false}
          />
          <Bar
            dataKey={compared.key}
            name={compared.name}
            fill={compared.fill}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
