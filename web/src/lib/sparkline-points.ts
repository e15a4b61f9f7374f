// Scales a score trend into the points of a small SVG polyline: oldest left, higher scores up,
// a flat line in the middle when every value is the same.

export interface SparkBox {
  width: number;
  height: number;
  /** Space kept free at every edge, so the stroke is not clipped. */
  pad: number;
}

export function sparklinePoints(values: readonly number[], box: SparkBox): [number, number][] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const innerW = box.width - 2 * box.pad;
  const innerH = box.height - 2 * box.pad;
  const step = finite.length > 1 ? innerW / (finite.length - 1) : 0;
  return finite.map((v, i) => {
    const x = finite.length > 1 ? box.pad + i * step : box.width / 2;
    const y = max === min ? box.height / 2 : box.pad + ((max - v) / (max - min)) * innerH;
    return [round(x), round(y)];
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Whether the trend ends higher, lower or level with where it started. */
export function trendDirection(values: readonly number[]): 'up' | 'down' | 'flat' {
  if (values.length < 2) return 'flat';
  const delta = values[values.length - 1]! - values[0]!;
  if (Math.abs(delta) < 0.5) return 'flat';
  return delta > 0 ? 'up' : 'down';
}
