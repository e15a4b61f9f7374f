// The counts of an import as a short table for the terminal.
import type { ImportResult } from '../service/import/import-types.js';
import { IMPORT_KINDS } from '../service/import/import-types.js';

const COLUMNS = ['read', 'created', 'updated', 'duplicates', 'rejected'] as const;

export function importSummary(result: ImportResult): string {
  const lines = [
    `${'file'.padEnd(10)}${COLUMNS.map((c) => c.padStart(12)).join('')}`,
    ...IMPORT_KINDS.flatMap((kind) => {
      const counts = result.counts[kind];
      if (!counts) return [];
      return [`${kind.padEnd(10)}${COLUMNS.map((c) => String(counts[c]).padStart(12)).join('')}`];
    }),
  ];
  for (const kind of IMPORT_KINDS) {
    for (const [reason, n] of Object.entries(result.counts[kind]?.rejectedByReason ?? {}))
      lines.push(`  ${kind} rejected ${n}: ${reason}`);
  }
  lines.push(
    result.dryRun
      ? `dry run: nothing was written; ${result.rescored} lead${result.rescored === 1 ? '' : 's'} would be scored`
      : `${result.rescored} lead${result.rescored === 1 ? '' : 's'} scored`,
  );
  return `${lines.join('\n')}\n`;
}
