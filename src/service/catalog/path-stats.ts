// What the catalog keeps for one field path, in bounded memory: how many records have it, its
// types, its most frequent values and, for numbers, min, max and quantiles.
import { createRandom, type Random } from '../../ml/prng.js';
import { valueType, type ValueType } from './flatten.js';

/** Distinct values counted per path; later new values are not counted (`valuesComplete: false`). */
export const MAX_DISTINCT = 5_000;
/** Numbers kept per path for the quantiles: all up to this many, then a uniform sample. */
export const MAX_SAMPLE = 10_000;
export const TOP_VALUES = 20;

export interface PathSummary {
  path: string;
  /** Records with a (non-missing) value at the path. */
  count: number;
  /** count / records of the section (leads, companies, or occurrences of the event). */
  coverage: number;
  types: Partial<Record<ValueType, number>>;
  /** Most frequent scalar values (array elements count one each), by count then value. */
  values: { value: string | number | boolean; count: number }[];
  /** False once more than MAX_DISTINCT distinct values arrived (counts then are lower bounds). */
  valuesComplete: boolean;
  numbers?: { min: number; max: number; p25: number; p50: number; p75: number; exact: boolean };
  derived?: true;
}

export class PathStats {
  count = 0;
  private readonly types = new Map<ValueType, number>();
  private readonly values = new Map<string, { value: string | number | boolean; count: number }>();
  private valuesComplete = true;
  private min = Infinity;
  private max = -Infinity;
  private seen = 0;
  private readonly sample: number[] = [];
  private random: Random | undefined;

  constructor(
    readonly path: string,
    readonly derived = false,
  ) {}

  add(value: unknown): void {
    this.count += 1;
    const type = valueType(value);
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (type === 'array') for (const item of value as unknown[]) this.addScalar(item);
    else this.addScalar(value);
    if (type === 'number') this.addNumber(value as number);
  }

  private addScalar(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return;
    const key = `${typeof value}:${String(value)}`;
    const entry = this.values.get(key);
    if (entry) entry.count += 1;
    else if (this.values.size < MAX_DISTINCT) this.values.set(key, { value, count: 1 });
    else this.valuesComplete = false;
  }

  // Reservoir sampling (algorithm R) with a seeded generator: the same data gives the same sample.
  private addNumber(n: number): void {
    if (!Number.isFinite(n)) return;
    this.min = Math.min(this.min, n);
    this.max = Math.max(this.max, n);
    this.seen += 1;
    if (this.sample.length < MAX_SAMPLE) {
      this.sample.push(n);
      return;
    }
    this.random ??= createRandom(0x5eed);
    const slot = Math.floor(this.random.next() * this.seen);
    if (slot < MAX_SAMPLE) this.sample[slot] = n;
  }

  summary(total: number): PathSummary {
    const values = [...this.values.values()]
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, TOP_VALUES)
      .map((v) => ({ value: v.value, count: v.count }));
    const out: PathSummary = {
      path: this.path,
      count: this.count,
      coverage: total === 0 ? 0 : this.count / total,
      types: Object.fromEntries([...this.types].sort(([a], [b]) => a.localeCompare(b))),
      values,
      valuesComplete: this.valuesComplete,
    };
    if (this.sample.length > 0) {
      const sorted = [...this.sample].sort((a, b) => a - b);
      out.numbers = {
        min: this.min,
        max: this.max,
        p25: quantile(sorted, 0.25),
        p50: quantile(sorted, 0.5),
        p75: quantile(sorted, 0.75),
        exact: this.seen === sorted.length,
      };
    }
    if (this.derived) out.derived = true;
    return out;
  }
}

/** Linear interpolation between closest ranks (the common "type 7" definition). */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (at - lo);
}
