// The hot / warm / cold mark beside a score: read from the funnel stage the model put the lead in.
import type { Stage } from '../api/types';

const HEAT: Record<Stage, { label: string; className: string }> = {
  bofu: { label: 'Hot', className: 'heat-hot' },
  mofu: { label: 'Warm', className: 'heat-warm' },
  tofu: { label: 'Cold', className: 'heat-cold' },
};

export function HeatMark({ stage }: { stage: Stage | null }) {
  if (!stage) return <span className="heat heat-none">—</span>;
  const heat = HEAT[stage];
  return (
    <span className={`heat ${heat.className}`} title={`Stage ${stage.toUpperCase()}`}>
      {heat.label}
    </span>
  );
}
