// The colour of the i-th segment threshold drawn across a chart (hot to cold, then round again).
const COLORS = ['#d9480f', '#b7791f', '#3b6ea5', '#5f6b7a'];

export const thresholdColor = (i: number): string => COLORS[i % COLORS.length]!;
