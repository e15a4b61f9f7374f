// The cost file of `--costs`: CSV lines `channel,cost` (a header line is allowed), read into a map.
import { readFile } from 'node:fs/promises';
import { csvRecords } from '../ml/read-dataset.js';
import { AnalyticsError } from './errors.js';
import { cellNumber } from './numbers.js';

/** Channel -> total cost. Errors name the file and line of the bad entry. */
export function parseCosts(text: string, source: string): Map<string, number> {
  const records = csvRecords(text, source, (message) => {
    throw new AnalyticsError('invalid_costs', message);
  });
  const costs = new Map<string, number>();
  for (const [k, { record, info }] of records.entries()) {
    const where = `${source}:${info.lines}`;
    if (record.length !== 2) {
      throw new AnalyticsError(
        'invalid_costs',
        `${where}: expected 2 fields (channel,cost), got ${record.length}`,
      );
    }
    const channel = record[0]!.trim();
    const cost = cellNumber(record[1]!);
    // A first line whose cost is not a number is a header (`channel,cost`).
    if (k === 0 && Number.isNaN(cost) && record[1]!.trim() !== '') continue;
    if (channel === '') throw new AnalyticsError('invalid_costs', `${where}: the channel is empty`);
    if (!(cost >= 0)) {
      throw new AnalyticsError(
        'invalid_costs',
        `${where}: cost of "${channel}": expected a number >= 0, got "${record[1]}"`,
      );
    }
    if (costs.has(channel)) {
      throw new AnalyticsError('invalid_costs', `${where}: channel "${channel}" twice`);
    }
    costs.set(channel, cost);
  }
  return costs;
}

export async function readCosts(path: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AnalyticsError('invalid_costs', `${path}: ${(error as Error).message}`);
  }
  return parseCosts(text, path);
}
