// Exponential decay: points awarded at `time` are worth points * 0.5^((asOf - time) / halfLife).

export function decayFactor(halfLifeMs: number | undefined, elapsedMs: number): number {
  if (halfLifeMs === undefined || elapsedMs === 0) return 1;
  return Math.pow(0.5, elapsedMs / halfLifeMs);
}
