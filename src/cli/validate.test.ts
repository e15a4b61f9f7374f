// `leadscore validate` and `leadscore schema` run as commander commands on temporary files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';

const examples = new URL('../../examples/models/', import.meta.url);
let dir: string;
let stdout: string;
let stderr: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-validate-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function modelFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function validate(...args: string[]): Promise<number> {
  process.exitCode = undefined;
  await validateCommand().parseAsync(['node', 'validate', ...args], { from: 'node' });
  return Number(process.exitCode ?? 0);
}

const WARNED = `name: warned
engagement:
  rules:
    - { id: open, event: Email Opened, points: 5, cap: { points: 3, days: 7 } }
    - { id: click, event: Email Clicked, points: 0 }
segments:
  - { id: hot, above: 20, stage: mofu }
  - { id: cold, stage: tofu }
`;

describe('leadscore validate', () => {
  it('summarises a valid example model on stdout, with no warnings', async () => {
    const file = new URL('b2b.yaml', examples).pathname;
    expect(await validate(file)).toBe(0);
    expect(stdout).toBe(
      `${file}: valid model "b2b-saas": 8 criteria, 12 rules, 5 grades, 4 segments, 0 warning(s)\n`,
    );
    expect(stderr).toBe('');
  });

  it('prints every error with file, path and line, and exits 1', async () => {
    const file = await modelFile(
      'bad.yaml',
      `name: bad
engagement:
  rules:
    - { id: open, event: Email Opened, points: five }
    - { id: open, event: Email Clicked, points: 2, pionts: 3 }
segments:
  - { id: all, stage: tofu }
`,
    );
    expect(await validate(file)).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `${file}: engagement.rules[0].points (line 4): expected a number, got "five"`,
      `${file}: engagement.rules[1].pionts (line 5): unknown key "pionts"`,
      expect.stringMatching(/: engagement\.rules\[1\]\.id \(line 5\): duplicate id "open"/),
    ]);
  });

  it('reports a file it cannot read, or of the wrong kind, as an error', async () => {
    expect(await validate(join(dir, 'missing.yaml'))).toBe(1);
    expect(stderr).toBe(`error: cannot read ${join(dir, 'missing.yaml')}: no such file\n`);
    expect(await validate(await modelFile('model.txt', 'name: x'))).toBe(1);
    expect(stderr).toContain('must end in .yaml, .yml or .json');
  });

  it('prints warnings with their lines on stderr and still exits 0', async () => {
    const file = await modelFile('warned.yaml', WARNED);
    expect(await validate(file)).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      `${file}: warning: engagement.rules[0].cap.points (line 4): cap 3 is below the rule's 5 points: the first event already reaches the cap and is cut to 3`,
      `${file}: warning: engagement.rules[1].points (line 5): 0 points and no qualifies: the rule does nothing`,
    ]);
    expect(stdout).toBe(
      `${file}: valid model "warned": 0 criteria, 2 rules, 0 grades, 2 segments, 2 warning(s)\n`,
    );
  });

  it('exits 2 on warnings with --strict, and 0 without warnings', async () => {
    expect(await validate('--strict', await modelFile('warned.yaml', WARNED))).toBe(2);
    expect(await validate('--strict', new URL('seed.yaml', examples).pathname)).toBe(0);
  });

  it('validates JSON models, with lines', async () => {
    const json = JSON.stringify(
      { name: 'j', segments: [{ id: 'all', stage: 'nowhere' }] },
      null,
      2,
    );
    const file = await modelFile('model.json', json);
    expect(await validate(file)).toBe(1);
    expect(stderr).toBe(
      `${file}: segments[0].stage (line 6): expected one of "tofu", "mofu", "bofu", got "nowhere"\n`,
    );
  });
});

describe('leadscore schema', () => {
  const schema = (...args: string[]) =>
    schemaCommand().parseAsync(['node', 'schema', ...args], { from: 'node' });

  it('prints the JSON Schema, pretty, on stdout', async () => {
    await schema();
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(parsed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(stdout).toMatch(/^\{\n {2}"\$schema"/);
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  it('writes the schema to --out instead', async () => {
    const out = join(dir, 'model.schema.json');
    await schema('--out', out);
    expect(stdout).toBe('');
    const written = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(written.title).toBe('leadscore model');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('exits 1 when --out cannot be written', async () => {
    const out = join(dir, 'no-such-dir', 'schema.json');
    await schema('--out', out);
    expect(process.exitCode).toBe(1);
    expect(stderr).toBe(
      `error: cannot write ${out}: no such directory ${join(dir, 'no-such-dir')}\n`,
    );
  });
});
