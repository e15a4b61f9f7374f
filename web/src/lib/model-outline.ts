// What pages other than the editor need from a model spec: segment order with their score
// thresholds, and the grades, read defensively (a spec is untyped JSON to the dashboard).

export interface SegmentOutline {
  id: string;
  stage: string | null;
  /** The lowest score that may enter it (min or above); null for a catch-all. */
  threshold: number | null;
}

export interface ModelOutline {
  name: string;
  segments: SegmentOutline[];
  grades: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter(isRecord) : [];

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export function modelOutline(spec: Record<string, unknown>): ModelOutline {
  const fit = isRecord(spec.fit) ? spec.fit : {};
  return {
    name: typeof spec.name === 'string' ? spec.name : '',
    segments: list(spec.segments).map((s) => ({
      id: String(s.id ?? ''),
      stage: typeof s.stage === 'string' ? s.stage : null,
      threshold: num(s.min) ?? num(s.above),
    })),
    grades: list(fit.grades).map((g) => String(g.grade ?? '')),
  };
}
