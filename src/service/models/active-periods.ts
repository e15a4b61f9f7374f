// The periods each model version was active, read from the workspace's activations in order: a
// version is active from its switch until the next switch (to any version), the last one still.
import type { ModelActivation } from '../../store/port.js';

export interface ActivePeriod {
  from: number;
  /** Null while it is still active. */
  to: number | null;
}

/** Each version's periods, oldest first; a version never active has no entry. */
export function activePeriods(
  activations: readonly ModelActivation[],
): Map<number, ActivePeriod[]> {
  const sorted = [...activations].sort((a, b) => a.at - b.at || a.version - b.version);
  const periods = new Map<number, ActivePeriod[]>();
  sorted.forEach((a, i) => {
    const next = sorted[i + 1];
    // Activating the version already active continues its period.
    const list = periods.get(a.version) ?? [];
    const last = list.at(-1);
    if (last && last.to === a.at) last.to = next ? next.at : null;
    else list.push({ from: a.at, to: next ? next.at : null });
    periods.set(a.version, list);
  });
  return periods;
}
