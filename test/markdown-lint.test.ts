// The markdown lint of `npm run lint`, run as it is there (the CLI with the project's config) on
// documents whose code fences are broken: it must fail them, and pass the same ones repaired.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'leadscore-mdlint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(markdown: string): { code: number | null; output: string } {
  writeFileSync(join(dir, 'doc.md'), markdown);
  const cli = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const config = join(ROOT, '.markdownlint-cli2.jsonc');
  const run = spawnSync(process.execPath, [cli, '--config', config, '--no-globs', 'doc.md'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: run.status, output: run.stdout + run.stderr };
}

const output = '```\nleads: 9 read\n```\n';

describe('markdown lint', () => {
  it('fails a fence that closes with text on the same line, and passes it repaired', () => {
    const broken = lint(`# Doc\n\n${output.slice(0, -4)}\`\`\` Then ask why:\n\nText.\n`);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/doc\.md:5 error LS001\/fenced-code-closed .*does not close/);
    expect(lint(`# Doc\n\n${output}\nThen ask why:\n\nText.\n`)).toMatchObject({ code: 0 });
  });

  it('fails a fence that is never closed', () => {
    const open = lint(`# Doc\n\n${output}\n\`\`\`sh\nnpx leadscore serve\n\n## Later\n\nText.\n`);
    expect(open.code).toBe(1);
    expect(open.output).toMatch(/doc\.md:7 error LS001\/fenced-code-closed .*never closed/);
  });
});
