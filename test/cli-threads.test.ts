// Reading events on two threads gives exactly what one thread gives: scores, counts, and the
// line numbers of rejected lines on either side of the split.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/service/demo/synthetic.js';
import { ROOT, runCli, tempFiles } from './run-cli.js';

describe('leadscore score --threads', () => {
  it('splits reading and scoring between threads without changing any result', async () => {
    const dir = await tempFiles({});
    const leadsPath = join(dir, 'leads.csv');
    const eventsPath = join(dir, 'events.ndjson');
    // 100,000 events make ~19 MB, above the size where the reader splits the file, and 60,000
    // leads are enough for a second scoring thread.
    await generateDataset({
      leads: 60_000,
      events: 100_000,
      seed: 11,
      start: new Date('2026-06-01T00:00:00Z'),
      days: 90,
      leadsPath,
      eventsPath,
      eventsFormat: 'ndjson',
    });
    await appendFile(
      eventsPath,
      'not json at the end\n{"type":"track","userId":"nobody","event":"Email Opened","timestamp":"2026-05-01T00:00:00Z"}\n',
    );
    const run = (threads: string) =>
      runCli([
        'score',
        '--model',
        join(ROOT, 'examples/models/b2b.yaml'),
        '--leads',
        leadsPath,
        '--events',
        eventsPath,
        '--as-of',
        '2026-06-01T00:00:00Z',
        '--threads',
        threads,
        '--rejects',
        join(dir, `rejects-${threads}.csv`),
        '--format',
        'ndjson',
      ]);
    const one = await run('1');
    const two = await run('2');
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.replace('rejects-2.csv', 'rejects-1.csv')).toBe(one.stderr);
    expect(one.stdout.trim().split('\n')).toHaveLength(60_000);
    const rejects = await readFile(join(dir, 'rejects-2.csv'), 'utf8');
    expect(rejects).toBe(await readFile(join(dir, 'rejects-1.csv'), 'utf8'));
    expect(rejects).toContain(`${eventsPath},100001,event,,"not JSON`);
    expect(rejects).toContain(
      `${eventsPath},100002,event,nobody,"lead ""nobody"" is not in the leads file"`,
    );
  });
});
