// Conversion by attribute value: categorical values and numeric quantile ranges, each with its
// rate, Wilson interval, lift and weight of evidence, and the attribute's information value.
import { MISSING, OTHER } from '../ml/encoding-schema.js';
import { MAX_LEVELS } from '../ml/encoding.js';
import type { Dataset } from '../ml/read-dataset.js';
import { informationValue, weightsOfEvidence } from './information-value.js';
import { cellNumber } from './numbers.js';
import type { Outcomes } from './outcomes.js';
import { quantileBins, type NumericRange } from './quantile-bins.js';
import { liftOver, rateOf, type Rate } from './rate.js';

export interface ValueRow extends Rate {
  /** The category, the numeric range (`25 to 32`), MISSING or OTHER. */
  value: string;
  lift: number;
  woe: number;
}

export interface AttributeTable {
  name: string;
  kind: 'categorical' | 'numeric';
  iv: number;
  /** By rate, highest first; ties by more leads first. */
  rows: ValueRow[];
}

/** A grouping of the leads with an outcome: group index per lead and the groups' labels. */
interface Grouping {
  group: Int32Array;
  labels: string[];
}

/** Shortest exact-enough text for a range end: at most 6 significant digits. */
function show(x: number): string {
  return String(Number(x.toPrecision(6)));
}

export function rangeLabel(range: NumericRange): string {
  return range.min === range.max ? show(range.min) : `${show(range.min)} to ${show(range.max)}`;
}

function numericGrouping(cells: string[], bins: number): Grouping {
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) values[i] = cellNumber(cells[i]!);
  const binned = quantileBins(values, bins);
  const missing = binned.ranges.length;
  const group = binned.bin;
  for (let i = 0; i < group.length; i++) if (group[i]! < 0) group[i] = missing;
  return { group, labels: [...binned.ranges.map(rangeLabel), MISSING] };
}

/** Undefined for an identifier-like column: nearly every value distinct. */
function categoricalGrouping(cells: string[]): Grouping | undefined {
  const values = cells.map((cell) => cell.trim() || MISSING);
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size > Math.max(MAX_LEVELS, cells.length / 2)) return undefined;
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_LEVELS)
    .map(([v]) => v);
  const labels = counts.size > MAX_LEVELS ? [...kept, OTHER] : kept;
  const index = new Map(kept.map((v, k) => [v, k]));
  const group = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) group[i] = index.get(values[i]!) ?? kept.length;
  return { group, labels };
}

/** A column is numeric when it has a value and every value present is a finite number. */
function isNumeric(cells: string[]): boolean {
  let present = 0;
  for (const cell of cells) {
    if (cell.trim() === '') continue;
    if (Number.isNaN(cellNumber(cell))) return false;
    present++;
  }
  return present > 0;
}

/** The attribute's table, or undefined when it looks like an identifier (nearly all distinct). */
export function attributeTable(
  dataset: Dataset,
  outcomes: Outcomes,
  column: number,
  bins: number,
  base: Rate,
): AttributeTable | undefined {
  const cells = outcomes.rows.map((r) => dataset.rows[r]![column]!);
  const kind = isNumeric(cells) ? 'numeric' : 'categorical';
  const grouping = kind === 'numeric' ? numericGrouping(cells, bins) : categoricalGrouping(cells);
  if (grouping === undefined) return undefined;
  const leads = new Float64Array(grouping.labels.length);
  const conversions = new Float64Array(grouping.labels.length);
  for (let i = 0; i < cells.length; i++) {
    const g = grouping.group[i]!;
    leads[g]!++;
    conversions[g]! += outcomes.labels[i]!;
  }
  const groups = grouping.labels
    .map((value, g) => ({ value, leads: leads[g]!, conversions: conversions[g]! }))
    .filter((g) => g.leads > 0);
  const woe = weightsOfEvidence(groups);
  const rows = groups.map((g, k) => {
    const rate = rateOf(g.conversions, g.leads);
    return { value: g.value, ...rate, lift: liftOver(rate, base), woe: woe[k]! };
  });
  rows.sort((a, b) => b.rate - a.rate || b.leads - a.leads);
  return { name: dataset.columns[column]!, kind, iv: informationValue(groups), rows };
}
