// The leads of a batch run, kept compact: id, line, fit and the criteria that hold.
import type { CompiledModel } from '../../core/compile-model.js';
import { evaluateFit, type FitResult } from '../../core/fit.js';
import { Growable } from './growable.js';

/** Every lead's fit and matched criteria, in typed arrays that can be sent to a thread. */
export interface FitColumns {
  fit: Float64Array;
  /** Lead i's criteria are matched[matchEnd[i-1] .. matchEnd[i]) (from 0 for the first). */
  matchEnd: Uint32Array;
  matched: Uint16Array;
}

export function fitAt(columns: FitColumns, lead: number): FitResult {
  const start = lead === 0 ? 0 : (columns.matchEnd[lead - 1] as number);
  const end = columns.matchEnd[lead] as number;
  const matched: number[] = [];
  for (let i = start; i < end; i++) matched.push(columns.matched[i] as number);
  return { fit: columns.fit[lead] as number, matched };
}

export class LeadTable {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly lines = new Growable(Uint32Array);
  private readonly fits = new Growable(Float64Array);
  private readonly matchEnd = new Growable(Uint32Array);
  private readonly matched = new Growable(Uint16Array);

  constructor(private readonly compiled: CompiledModel) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds a lead; returns the line of the earlier lead with the same id instead, if any. */
  add(id: string, record: unknown, line: number): { ok: true } | { ok: false; firstLine: number } {
    const existing = this.index.get(id);
    if (existing !== undefined) return { ok: false, firstLine: this.lines.at(existing) };
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.lines.push(line);
    const fit = evaluateFit(this.compiled, record);
    this.fits.push(fit.fit);
    for (const m of fit.matched) this.matched.push(m);
    this.matchEnd.push(this.matched.length);
    return { ok: true };
  }

  fitColumns(): FitColumns {
    return {
      fit: this.fits.data.subarray(0, this.fits.length),
      matchEnd: this.matchEnd.data.subarray(0, this.matchEnd.length),
      matched: this.matched.data.subarray(0, this.matched.length),
    };
  }
}
