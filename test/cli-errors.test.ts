// End-to-end tests of the CLI's answers to a user's mistakes: one clear line saying what and
// where (a misspelt option, a missing file, JSON that is not NDJSON, a header in another case,
// a YAML syntax error, a target whose "converted" is spelt otherwise), exit 1, no stack trace.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFiles, type CliResult } from './run-cli.js';

const MODEL = `
name: test
fit:
  criteria:
    - { id: senior, when: { field: title, matches: "\\\\bvp\\\\b" }, points: 15 }
engagement:
  rules:
    - { id: open, event: Email Opened, points: 2 }
segments:
  - { id: warm, above: 10, stage: mofu }
  - { id: cold, stage: tofu }
`;

const track = (userId: string, day: number) => ({
  type: 'track',
  messageId: `m-${userId}-${day}`,
  userId,
  event: 'Email Opened',
  timestamp: `2026-05-0${day}T00:00:00Z`,
});
const CALLS = [track('l1', 1), track('l1', 2), track('l2', 3)];

/** Outcomes spelt Y and N, which no default counts as converted. */
const YES_NO = [
  'age,plan,y',
  ...Array.from({ length: 60 }, (_, i) => `${20 + i},p${i % 3},${i % 4 === 0 ? 'Y' : 'N'}`),
].join('\n');

async function files(extra: Record<string, string> = {}): Promise<string> {
  return tempFiles({
    'model.yaml': MODEL,
    'leads.csv': 'id,title\nl1,VP Sales\nl2,Engineer\n',
    'events.ndjson': `${CALLS.map((c) => JSON.stringify(c)).join('\n')}\n`,
    'data.csv': YES_NO,
    'costs.csv': 'channel,cost\np0,10\n',
    ...extra,
  });
}

/** A user's mistake: exit 1 and this one line on stderr, with no stack frame. */
function expectOneLine(result: CliResult, line: string): void {
  expect(result.stderr).toBe(`${line}\n`);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.code).toBe(1);
}

describe('misspelt options and commands', () => {
  it('names an unknown option and the nearest one, even when it misspells a required one', async () => {
    expectOneLine(
      await runCli(['score', '--modle', 'x.yaml']),
      "error: unknown option '--modle' (did you mean --model?)",
    );
  });

  it.each([
    [['score', '--model', 'm.yaml', '--leads', 'l.csv', '--evnts', 'e'], '--evnts', '--events'],
    [['validate', '--strcit', 'm.yaml'], '--strcit', '--strict'],
    [['schema', '--otu', 's.json'], '--otu', '--out'],
    [['train', '--dta', 'd.csv', '--target', 'y', '--out', 'm.json'], '--dta', '--data'],
    [['predict', '--modle', 'm.json', '--data', 'd.csv'], '--modle', '--model'],
    [['analyze', '--data', 'd.csv', '--target', 'y', '--chanel', 'c'], '--chanel', '--channel'],
    [
      ['suggest', '--data', 'd.csv', '--target', 'y', '--pdoo', '2', '--out', 'o'],
      '--pdoo',
      '--pdo',
    ],
    [['backtest', '--modle', 'm.yaml'], '--modle', '--model'],
    [['serve', '--prot', '4000'], '--prot', '--port'],
    [['workspaces', 'create', 'acme', '--dbb', 'x.db'], '--dbb', '--db'],
  ])('%j', async (args, wrong, right) => {
    expectOneLine(await runCli(args), `error: unknown option '${wrong}' (did you mean ${right}?)`);
  });

  it('suggests the nearest command, without the whole help', async () => {
    expectOneLine(await runCli(['scor']), "error: unknown command 'scor' (did you mean score?)");
  });

  it('still names a required option that is missing', async () => {
    expectOneLine(
      await runCli(['score', '--leads', 'l.csv']),
      "error: required option '--model <file>' not specified",
    );
  });
});

describe('files that are not there', () => {
  it.each([
    ['score --model', (d: string) => ['score', '--model', d, '--leads', 'leads.csv']],
    ['score --leads', (d: string) => ['score', '--model', 'model.yaml', '--leads', d]],
    [
      'score --events',
      (d: string) => ['score', '--model', 'model.yaml', '--leads', 'leads.csv', '--events', d],
    ],
    ['validate', (d: string) => ['validate', d]],
    ['train --data', (d: string) => ['train', '--data', d, '--target', 'y', '--out', 'm.json']],
    ['predict --model', (d: string) => ['predict', '--model', d, '--data', 'data.csv']],
    ['predict --data', (d: string) => ['predict', '--model', 'model.yaml', '--data', d]],
    ['analyze --data', (d: string) => ['analyze', '--data', d, '--target', 'y']],
    [
      'analyze --costs',
      (d: string) => [
        'analyze',
        '--data',
        'data.csv',
        '--target',
        'y',
        '--channel',
        'plan',
        '--costs',
        d,
      ],
    ],
    ['suggest --data', (d: string) => ['suggest', '--data', d, '--target', 'y', '--out', 'o.yaml']],
    [
      'suggest --model',
      (d: string) => [
        'suggest',
        '--data',
        'data.csv',
        '--target',
        'y',
        '--model',
        d,
        '--out',
        'o.yaml',
      ],
    ],
    ['backtest --model', (d: string) => ['backtest', '--model', d, '--db', 'leads.csv']],
    ['backtest --db', (d: string) => ['backtest', '--model', 'model.yaml', '--db', d]],
  ])('%s: cannot read FILE: no such file', async (_, args) => {
    const dir = await files();
    const missing = join(dir, 'nope.yaml');
    expectOneLine(await runCli(args(missing), dir), `error: cannot read ${missing}: no such file`);
  });

  it.each([
    [
      'score --out',
      (o: string) => ['score', '--model', 'model.yaml', '--leads', 'leads.csv', '--out', o],
    ],
    [
      'score --rejects',
      (o: string) => ['score', '--model', 'model.yaml', '--leads', 'leads.csv', '--rejects', o],
    ],
    ['schema --out', (o: string) => ['schema', '--out', o]],
    ['train --out', (o: string) => ['train', '--data', 'data.csv', '--target', 'y', '--out', o]],
    [
      'predict --out',
      (o: string) => ['predict', '--model', 'model.yaml', '--data', 'data.csv', '--out', o],
    ],
    [
      'analyze --html',
      (o: string) => ['analyze', '--data', 'data.csv', '--target', 'y', '--html', o],
    ],
    [
      'suggest --out',
      (o: string) => ['suggest', '--data', 'data.csv', '--target', 'y', '--out', o],
    ],
    ['workspaces create --db', (o: string) => ['workspaces', 'create', 'acme', '--db', o]],
  ])('%s into a folder that is not there: cannot write FILE', async (_, args) => {
    const dir = await files();
    const out = join(dir, 'no-such-dir', 'out.txt');
    expectOneLine(
      await runCli(args(out), dir),
      `error: cannot write ${out}: no such directory ${join(dir, 'no-such-dir')}`,
    );
  });

  it('a folder given as an input file', async () => {
    const dir = await files();
    expectOneLine(
      await runCli(['score', '--model', 'model.yaml', '--leads', dir], dir),
      `error: cannot read ${dir}: it is a directory`,
    );
  });
});

describe('JSON where NDJSON or CSV is expected', () => {
  it('a leads file that is JSON is refused once, as a whole', async () => {
    const dir = await files();
    expectOneLine(
      await runCli(['score', '--model', 'model.yaml', '--leads', 'events.ndjson'], dir),
      'error: events.ndjson looks like JSON, not CSV (a header line, then one row per line)',
    );
  });

  it.each([
    ['a pretty-printed array', JSON.stringify(CALLS, null, 2)],
    ['an array on one line', JSON.stringify(CALLS)],
  ])('%s is refused once, as a whole', async (_, text) => {
    const dir = await files({ 'events.json': text });
    expectOneLine(
      await runCli(
        ['score', '--model', 'model.yaml', '--leads', 'leads.csv', '--events', 'events.json'],
        dir,
      ),
      "error: events.json looks like a JSON array, not NDJSON (one JSON object per line): put each element on a line of its own (jq -c '.[]' does)",
    );
  });

  it('pretty-printed objects are refused once, as a whole', async () => {
    const text = CALLS.map((c) => JSON.stringify(c, null, 2)).join('\n');
    const dir = await files({ 'events.ndjson': text });
    const result = await runCli(
      ['score', '--model', 'model.yaml', '--leads', 'leads.csv', '--events', 'events.ndjson'],
      dir,
    );
    expectOneLine(
      result,
      'error: events.ndjson looks like JSON spread over several lines, not NDJSON (one JSON object per line): put each object on a line of its own (jq -c . does)',
    );
  });
});

describe('required columns named in another case', () => {
  const score = (dir: string, leads: string, events?: string) =>
    runCli(
      [
        'score',
        '--model',
        'model.yaml',
        '--leads',
        leads,
        ...(events ? ['--events', events] : []),
        '--as-of',
        '2026-06-01',
      ],
      dir,
    );

  it('takes an ID or Id column as id', async () => {
    const dir = await files({
      'upper.csv': 'ID,title\nl1,VP Sales\n',
      'title.csv': 'Id,title\nl2,Engineer\n',
    });
    const upper = await score(dir, 'upper.csv');
    expect(upper.code).toBe(0);
    expect(upper.stdout.split('\n')[1]).toMatch(/^l1,15,/);
    const title = await score(dir, 'title.csv');
    expect(title.code).toBe(0);
    expect(title.stdout.split('\n')[1]).toMatch(/^l2,0,/);
  });

  it('names the candidates when two columns could be id, and suggests a near name', async () => {
    const dir = await files({
      'two.csv': 'ID,Id,title\nl1,x,VP\n',
      'near.csv': 'Lead ID,title\nl1,VP\n',
    });
    expectOneLine(
      await score(dir, 'two.csv'),
      'error: two.csv:1: column "id" is ambiguous: "ID", "Id" all match it; rename one (header: ID,Id,title)',
    );
    expectOneLine(
      await score(dir, 'near.csv'),
      'error: near.csv:1: missing column "id" (did you mean "Lead ID"?) (header: Lead ID,title)',
    );
  });

  it('takes events CSV columns in any case, and names a near one in one line', async () => {
    const dir = await files({
      'events.csv': 'Lead_ID,Event,TimeStamp\nl1,Email Opened,2026-05-01T00:00:00Z\n',
      'near.csv': 'Lead Id,event,timestamp\nl1,Email Opened,2026-05-01T00:00:00Z\n',
    });
    const taken = await score(dir, 'leads.csv', 'events.csv');
    expect(taken.stderr).toContain('events: 1 read, 1 matched a rule');
    expect(taken.code).toBe(0);
    expectOneLine(
      await score(dir, 'leads.csv', 'near.csv'),
      'error: near.csv:1: missing column "lead_id" (did you mean "Lead Id"?) (header: Lead Id,event,timestamp)',
    );
  });
});

describe('a model file that is not YAML', () => {
  const BROKEN = 'name: t\nsegments:\n  - id: all\n     stage: tofu\n';

  it.each([
    ['validate', ['validate', 'broken.yaml']],
    ['score', ['score', '--model', 'broken.yaml', '--leads', 'leads.csv']],
  ])('%s prints its first problem with line and column', async (_, args) => {
    const dir = await files({ 'broken.yaml': BROKEN });
    expectOneLine(
      await runCli(args, dir),
      'error: broken.yaml:3:9: nested mappings are not allowed in compact mappings',
    );
  });

  it('model validation errors keep their path and line', async () => {
    const dir = await files({
      'invalid.yaml': 'name: t\nsegments:\n  - { id: all, stage: tofu, stag: x }\n',
    });
    const result = await runCli(['validate', 'invalid.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('invalid.yaml: segments[0].stag (line 3): unknown key "stag"\n');
  });
});

describe('a target whose converted value is spelt otherwise', () => {
  it('train suggests the --positive to pass', async () => {
    const dir = await files();
    expectOneLine(
      await runCli(['train', '--data', 'data.csv', '--target', 'y', '--out', 'm.json'], dir),
      'error: target "y" has values N, Y: pass --positive Y',
    );
  });

  it('and says so when the --positive given is none of its values', async () => {
    const dir = await files();
    expectOneLine(
      await runCli(
        ['train', '--data', 'data.csv', '--target', 'y', '--positive', 'yes', '--out', 'm.json'],
        dir,
      ),
      'error: target "y" has values N, Y, none of them "yes": pass --positive Y',
    );
  });
});
