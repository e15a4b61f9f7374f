// The floor for bench/score.ts: reads and parses the same files the score run reads, nothing else.
import { forEachCsvRecord } from '../src/ingest/read-csv.js';
import { forEachLine } from '../src/ingest/read-lines.js';
import { eventsFormatOf } from '../src/service/batch/event-source.js';

const [leadsPath, eventsPath] = process.argv.slice(2);
if (!leadsPath || !eventsPath) throw new Error('usage: parse-floor.ts LEADS.csv EVENTS');

let records = 0;
let events = 0;
await forEachCsvRecord(leadsPath, {
  required: ['id'],
  onRecord: () => records++,
  onError: () => records++,
});
if ((await eventsFormatOf(eventsPath)) === 'csv') {
  await forEachCsvRecord(eventsPath, {
    required: [],
    onRecord: () => events++,
    onError: () => events++,
  });
} else {
  await forEachLine(eventsPath, (line) => {
    if ((JSON.parse(line) as unknown) !== null) events++;
  });
}
process.stderr.write(`parsed ${records} leads, ${events} events\n`);
