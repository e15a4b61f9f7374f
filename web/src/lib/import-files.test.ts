// The import's files: the kinds chosen, the preview's head of a file, the form sent.
import { describe, expect, it } from 'vitest';
import { chosenKinds, fileHead, formatBytes, importForm, previewForm } from './import-files';

const csv = (text: string, name = 'leads.csv') => new File([text], name, { type: 'text/csv' });

describe('import files', () => {
  it('lists the chosen kinds in page order', () => {
    expect(chosenKinds({ outcomes: csv('a'), leads: csv('b') })).toEqual(['leads', 'outcomes']);
    expect(chosenKinds({})).toEqual([]);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(980)).toBe('980 bytes');
    expect(formatBytes(12_500)).toBe('13 KB');
    expect(formatBytes(3_240_000)).toBe('3.2 MB');
    expect(formatBytes(1_100_000_000)).toBe('1.1 GB');
  });

  it('keeps a small file whole and cuts a big one at a line end', async () => {
    const small = csv('id\n1\n');
    expect(await fileHead(small, 100)).toBe(small);
    const rows = Array.from({ length: 50 }, (_, i) => `lead-${i},${i}`).join('\n');
    const head = await fileHead(csv(`id,n\n${rows}\n`), 64);
    const text = await head.text();
    expect(head.name).toBe('leads.csv');
    expect(text.length).toBeLessThanOrEqual(64);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .every((line) => /^(id,n|lead-\d+,\d+)$/.test(line)),
    ).toBe(true);
  });

  it('sends the options and mapping before the files, and no empty mapping', async () => {
    const form = importForm({
      files: { events: csv('{}', 'events.ndjson'), leads: csv('id\n1\n') },
      map: 'leads:\n  columns: {}\n',
      dryRun: true,
      quiet: false,
    });
    expect([...form.keys()]).toEqual(['dryRun', 'quiet', 'map', 'leads', 'events']);
    expect(form.get('dryRun')).toBe('true');
    expect(form.get('quiet')).toBe('false');
    expect(await (form.get('map') as File).text()).toBe('leads:\n  columns: {}\n');
    expect((form.get('events') as File).name).toBe('events.ndjson');
    const bare = importForm({
      files: { leads: csv('id\n') },
      map: ' \n',
      dryRun: false,
      quiet: true,
    });
    expect(bare.has('map')).toBe(false);
  });

  it('previews the head of one file under its kind, with the mapping first', async () => {
    const big = csv(`id,n\n${'lead,1\n'.repeat(100_000)}`, 'big.csv');
    const form = await previewForm('leads', big, 'leads:\n  columns:\n    n: score\n');
    expect([...form.keys()]).toEqual(['map', 'leads']);
    const head = form.get('leads') as File;
    expect(head.name).toBe('big.csv');
    expect(head.size).toBeLessThan(big.size);
    expect((await head.text()).startsWith('id,n\nlead,1\n')).toBe(true);
    expect([...(await previewForm('events', csv('{}'), '')).keys()]).toEqual(['events']);
  });
});
