// A seeded synthetic history for import tests: leads and events as `npm run bench` writes them,
// with outcomes for some of the leads and a companies file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset } from '../src/service/demo/synthetic.js';

export interface HistoryFiles {
  leads: string;
  events: string;
  companies: string;
  outcomes: string;
  leadIds: string[];
}

const DAY = 86_400_000;

export async function writeHistory(
  dir: string,
  sizes: { leads: number; events: number; seed: number; format: 'ndjson' | 'csv' },
  start: Date,
): Promise<HistoryFiles> {
  const leads = join(dir, 'leads.csv');
  const events = join(dir, `events.${sizes.format}`);
  await generateDataset({
    ...sizes,
    start,
    days: 60,
    leadsPath: leads,
    eventsPath: events,
    eventsFormat: sizes.format,
  });
  const leadIds = (await readFile(leads, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split(',')[0]!);
  const outcomes = join(dir, 'outcomes.csv');
  const rows = ['lead_id,outcome,at,value,currency,reason'];
  leadIds.forEach((id, i) => {
    const at = new Date(start.getTime() - (i % 30) * DAY).toISOString();
    if (i % 7 === 3) rows.push(`${id},converted,${at},${100 + i},EUR,`);
    else if (i % 11 === 5) rows.push(`${id},lost,${at},,,"budget, timing"`);
  });
  await writeFile(outcomes, `${rows.join('\n')}\n`);
  const companies = join(dir, 'companies.csv');
  await writeFile(
    companies,
    'id,name,industry,employees\nC1,Acme,software,120\nC2,Globex,retail,5000\nC3,Initech,software,40\n',
  );
  return { leads, events, companies, outcomes, leadIds };
}
