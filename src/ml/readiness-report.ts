// A stored report's readiness: the one it carries, or for artifacts trained before grades, the
// grade of its held-out ROC AUC.
import type { Report } from './artifact-schema.js';
import { readinessOf, type Readiness } from './readiness.js';

export function readinessOfReport(report: Report): Readiness {
  return report.readiness ?? readinessOf(report.metrics.rocAuc, 'held-out');
}

/** The readiness of a version from its stored metrics alone (the list of versions). */
export function readinessOfMetrics(metrics: Record<string, unknown>): Readiness {
  const stored = metrics.readiness;
  if (typeof stored === 'object' && stored !== null && 'grade' in stored) {
    const { rocAuc, basis } = stored as Partial<Readiness>;
    return readinessOf(
      typeof rocAuc === 'number' ? rocAuc : null,
      basis === 'cross-validated' ? 'cross-validated' : 'held-out',
    );
  }
  return readinessOf(typeof metrics.rocAuc === 'number' ? metrics.rocAuc : null, 'held-out');
}
