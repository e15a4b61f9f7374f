// The paths of one catalog section (lead traits, company traits, one event's properties), with a
// bound on how many distinct paths it tracks.
import { flatten } from './flatten.js';
import { PathStats, type PathSummary } from './path-stats.js';

export const MAX_PATHS = 1_000;

export class PathTable {
  records = 0;
  /** False once paths beyond MAX_PATHS were seen (they are not reported). */
  complete = true;
  private readonly paths = new Map<string, PathStats>();

  constructor(private readonly maxPaths = MAX_PATHS) {}

  /** Counts one record; answers the paths it has, for callers that add derived values. */
  addRecord(record: Record<string, unknown>): Set<string> {
    this.records += 1;
    const seen = new Set<string>();
    for (const [path, value] of flatten(record)) {
      // A nested value and a flat dotted key naming the same path count the record once.
      if (seen.has(path)) continue;
      seen.add(path);
      this.stats(path)?.add(value);
    }
    return seen;
  }

  addValue(path: string, value: unknown, derived = false): void {
    this.stats(path, derived)?.add(value);
  }

  private stats(path: string, derived = false): PathStats | undefined {
    let stats = this.paths.get(path);
    if (!stats) {
      if (this.paths.size >= this.maxPaths) {
        this.complete = false;
        return undefined;
      }
      stats = new PathStats(path, derived);
      this.paths.set(path, stats);
    }
    return stats;
  }

  summaries(): PathSummary[] {
    return [...this.paths.values()]
      .map((s) => s.summary(this.records))
      .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
  }

  /** Derived paths are listed even when no record has them, so pickers always offer them. */
  ensure(path: string, derived: boolean): void {
    if (!this.paths.has(path)) this.paths.set(path, new PathStats(path, derived));
  }
}
