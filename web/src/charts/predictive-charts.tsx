// The predictive model report's charts: ROC curve, lift by fraction of leads, calibration and
// top features. Each draws only when the report has its data.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TrainingReport } from '../api/types';
import { formatSignificant } from '../lib/format';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The dashed line where predicted equals observed: what chance, or a perfect fit, would draw. */
const diagonal = (dataKey: string, name: string) => (
  <Line
    dataKey={dataKey}
    name={name}
    stroke="#adb5bd"
    strokeDasharray="4 4"
    dot={false}
    isAnimationActive={false}
  />
);

function Frame({
  title,
  label,
  children,
}: {
  title: string;
  label: string;
  children: React.ReactElement;
}) {
  return (
    <div>
      <h3>{title}</h3>
      <div className="chart small" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export function RocChart({ roc }: { roc: NonNullable<TrainingReport['roc']> }) {
  const data = roc.map((p) => ({ ...p, chance: p.fpr }));
  return (
    <Frame title="ROC curve" label="ROC curve: true positive rate against false positive rate">
      <LineChart data={data}>
        <CartesianGrid stroke="#eef1f5" />
        <XAxis dataKey="fpr" type="number" domain={[0, 1]} tickFormatter={pct} fontSize={11} />
        <YAxis domain={[0, 1]} tickFormatter={pct} fontSize={11} width={44} />
        <Tooltip />
        <Line dataKey="tpr" name="Model" stroke="#4c6ef5" dot={false} isAnimationActive={false} />
        {diagonal('chance', 'Chance')}
      </LineChart>
    </Frame>
  );
}

export function LiftChart({ lift }: { lift: NonNullable<TrainingReport['lift']> }) {
  return (
    <Frame title="Lift" label="Lift by fraction of leads, highest scores first">
      <LineChart data={lift}>
        <CartesianGrid stroke="#eef1f5" />
        <XAxis dataKey="fraction" type="number" domain={[0, 1]} tickFormatter={pct} fontSize={11} />
        <YAxis fontSize={11} width={44} />
        <Tooltip />
        <Line dataKey="lift" name="Lift" stroke="#2b8a3e" dot={false} isAnimationActive={false} />
      </LineChart>
    </Frame>
  );
}

export function CalibrationChart({
  calibration,
}: {
  calibration: NonNullable<TrainingReport['calibration']>;
}) {
  const data = calibration.map((c) => ({ ...c, ideal: c.predicted }));
  return (
    <Frame title="Calibration" label="Observed conversion rate against predicted probability">
      <LineChart data={data}>
        <CartesianGrid stroke="#eef1f5" />
        <XAxis
          dataKey="predicted"
          type="number"
          domain={[0, 1]}
          tickFormatter={pct}
          fontSize={11}
        />
        <YAxis domain={[0, 1]} tickFormatter={pct} fontSize={11} width={44} />
        <Tooltip />
        <Line dataKey="observed" name="Observed" stroke="#d9480f" isAnimationActive={false} />
        {diagonal('ideal', 'Perfect')}
      </LineChart>
    </Frame>
  );
}

export function FeaturesChart({
  features,
}: {
  features: NonNullable<TrainingReport['topFeatures']>;
}) {
  const data = features.slice(0, 12);
  const label = data.map((f) => `${f.feature} ${formatSignificant(f.importance)}`).join(', ');
  return (
    <Frame title="Top features" label={`Top features (importance): ${label}`}>
      <BarChart data={data} layout="vertical" margin={{ left: 8 }}>
        <XAxis type="number" fontSize={11} tickFormatter={(v: number) => formatSignificant(v)} />
        <YAxis type="category" dataKey="feature" width={170} fontSize={11} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? formatSignificant(v) : v)} />
        <Bar dataKey="importance" fill="#4c6ef5" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
