// Seeded randomness for the synthetic data set: the generator, weighted choices, lead activity.

const INACTIVE_LEADS = 0.25;
const MAX_ACTIVITY = 1000;

export type Rng = () => number;

/** murmur3's finaliser: a bijection on 32-bit integers that spreads every input bit. */
export function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/**
 * sfc32, one independent stream per (seed, stream). Math.random cannot be seeded, and a
 * generator written here keeps the bytes identical across Node versions and dependency updates;
 * sfc32 rather than mulberry32 because its 128-bit state keeps tens of millions of draws far
 * from any short cycle. Distinct inputs give distinct starting states, since `mix` is a bijection.
 */
export function createRng(seed: number, stream: number): Rng {
  let a = mix(seed ^ 0x9e3779b9);
  let b = mix(Math.floor(seed / 2 ** 32) ^ 0x243f6a88);
  let c = mix(stream ^ 0xb7e15162);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)] as T;

/** A weighted choice over a short list: linear scan of cumulative weights. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const cumulative = entries.map(([, w]) => (acc += w / total));
  return (rng) => {
    const u = rng();
    for (let i = 0; i < cumulative.length; i++) {
      if (u < (cumulative[i] as number)) return (entries[i] as readonly [T, number])[0];
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };
}

/** A weighted choice written as `value:weight|value:weight|...`. */
export const weightedList = (table: string): ((rng: Rng) => string) =>
  weighted(
    table.split('|').map((entry) => {
      const colon = entry.lastIndexOf(':');
      return [entry.slice(0, colon), Number(entry.slice(colon + 1))] as const;
    }),
  );

/**
 * How active each lead is: a quarter never act, the rest follow a capped Pareto law, so most
 * leads have a handful of events and a few have thousands, whatever the size. Drawn through
 * Walker's alias method: one table lookup per event, where a binary search over a million
 * cumulative weights spent most of its time in cache misses.
 */
export function activityTable(rng: Rng, leads: number): (u: number) => number {
  const weight = new Float64Array(leads);
  let total = 0;
  for (let i = 0; i < leads; i++) {
    if (rng() >= INACTIVE_LEADS) total += weight[i] = Math.min(MAX_ACTIVITY, (1 - rng()) ** -0.86);
  }
  if (total === 0) {
    weight.fill(1);
    total = leads;
  }
  const keep = new Float64Array(leads);
  const alias = new Int32Array(leads);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < leads; i++) {
    keep[i] = ((weight[i] as number) * leads) / total;
    ((keep[i] as number) < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large[large.length - 1] as number;
    alias[s] = l;
    keep[l] = (keep[l] as number) + (keep[s] as number) - 1;
    if ((keep[l] as number) < 1) small.push(large.pop() as number);
  }
  for (const i of [...small, ...large]) keep[i] = 1;
  return (u) => {
    const x = u * leads;
    const i = Math.floor(x);
    return x - i < (keep[i] as number) ? i : (alias[i] as number);
  };
}
