// The leads of a batch run, kept compact: id, line, fit and the criteria that hold.
import type { CompiledModel } from '../../core/compile-model.js';
import { evaluateFit, type FitResult } from '../../core/fit.js';
import { Growable } from './growable.js';

export class LeadTable {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly lines = new Growable(Uint32Array);
  private readonly fits = new Growable(Float64Array);
  private readonly matchStart = new Growable(Uint32Array);
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
    this.matchStart.push(this.matched.length);
    for (const m of fit.matched) this.matched.push(m);
    return { ok: true };
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  fitOf(lead: number): FitResult {
    const start = this.matchStart.at(lead);
    const end =
      lead + 1 < this.matchStart.length ? this.matchStart.at(lead + 1) : this.matched.length;
    return { fit: this.fits.at(lead), matched: Array.from(this.matched.data.subarray(start, end)) };
  }
}
