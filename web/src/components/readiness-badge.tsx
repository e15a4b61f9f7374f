// A predictive version's readiness grade as a badge, its reason in the tooltip.
import type { Readiness } from '../api/types';

const TONE: Record<Readiness['grade'], string> = {
  poor: 'badge bad',
  fair: 'badge',
  good: 'badge ok',
  excellent: 'badge ok',
};

export function ReadinessBadge({ readiness }: { readiness: Readiness }) {
  return (
    <span className={TONE[readiness.grade]} title={readiness.reason} data-testid="readiness">
      {readiness.grade}
    </span>
  );
}
