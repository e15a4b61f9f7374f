// The boundary checks of `npm run lint` catch what they are for: dependency-cruiser with the
// project's .dependency-cruiser.cjs over a small planted tree (layer crossings, a cycle, and
// imports the rules allow), and the ESLint rules on process.env and routes calling the store.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The planted tree: each file's imports, written as the project writes them (NodeNext). */
const FIXTURE: Record<string, string> = {
  // Allowed: service on core and on the store port (types and values), core on core.
  'src/core/model.ts': `export const STAGES = ['tofu'] as const;\n`,
  'src/core/score.ts': `import { STAGES } from './model.js';\nexport const first = STAGES[0];\n`,
  'src/store/port.ts': `import { STAGES } from '../core/model.js';\nexport interface Store { stages: typeof STAGES }\n`,
  'src/store/records.ts': `export const KINDS = ['admin'] as const;\n`,
  'src/service/rescore.ts': `import type { Store } from '../store/port.js';\nimport { first } from '../core/score.js';\nexport const rescore = (s: Store) => [s, first];\n`,
  'src/api/schemas/lead.ts': `import { KINDS } from '../../store/records.js';\nexport type Lead = { kind: (typeof KINDS)[number] };\n`,
  'src/api/deps.ts': `import type { Store } from '../store/port.js';\nexport type Deps = { store: Store };\n`,
  // Allowed: a dialect reads the one migration list, which is data of the port's Migration type.
  'src/store/migration.ts': `export interface Migration { id: string }\n`,
  'src/store/migrations/index.ts': `import type { Migration } from '../migration.js';\nexport const migrations: Migration[] = [];\n`,
  'src/store/sqlite/sqlite-store.ts': `import { migrations } from '../migrations/index.js';\nexport const ids = migrations;\n`,
  'web/src/lead-view.ts': `import type { Lead } from '../../src/api/schemas/lead.js';\nexport const show = (l: Lead) => l.kind;\n`,
  // A layer crossing: core reaching up into service.
  'src/core/crossing.ts': `import { rescore } from '../service/rescore.js';\nexport const up = rescore;\n`,
  // A cycle inside one layer.
  'src/ingest/parse.ts': `import { step } from './step.js';\nexport const parse = () => step;\n`,
  'src/ingest/step.ts': `import { parse } from './parse.js';\nexport const step = () => parse;\n`,
  // The API importing a store value rather than calling a service.
  'src/api/routes/leads.ts': `import { rescore } from '../../service/rescore.js';\nimport { store } from '../../store/port-value.js';\nexport const route = () => rescore(store);\n`,
  'src/store/port-value.ts': `import type { Store } from './port.js';\nexport const store = {} as Store;\n`,
  // A migration reaching up into service.
  'src/store/migrations/002-crossing.ts': `import { rescore } from '../../service/rescore.js';\nexport const up = rescore;\n`,
  // The dashboard importing server code as a value.
  'web/src/bad-client.ts': `import { rescore } from '../../src/service/rescore.js';\nexport const r = rescore;\n`,
  // Tests may import anything.
  'src/core/score.test.ts': `import { rescore } from '../service/rescore.js';\nexport const t = rescore;\n`,
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadscore-boundaries-'));
  for (const [path, text] of Object.entries(FIXTURE)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await copyFile(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
      include: ['src', 'web'],
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the checker in the fixture with the given reporter; it exits non-zero on a violation. */
function depcruise(outputType: string): Promise<{ stdout: string; failed: boolean }> {
  const args = [DEPCRUISE, 'src', 'web', '--config', '.dependency-cruiser.cjs'];
  return promisify(execFile)(process.execPath, [...args, '--output-type', outputType], {
    cwd: dir,
  }).then(
    (r) => ({ stdout: r.stdout, failed: false }),
    (e: { stdout: string }) => ({ stdout: e.stdout, failed: true }),
  );
}

/** Whether `npm run lint:boundaries` (the `err` reporter) fails, and the violations found. */
async function cruise(): Promise<{ failed: boolean; violations: string[] }> {
  const [lint, json] = await Promise.all([depcruise('err'), depcruise('json')]);
  const result = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
  const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  return { failed: lint.failed, violations: violations.sort() };
}

describe('the import boundaries', () => {
  it('reports each layer crossing and the cycle, and nothing that the rules allow', async () => {
    const { failed, violations } = await cruise();
    expect(failed).toBe(true);
    expect(violations).toEqual(
      [
        'api-uses-store-types-only: src/api/routes/leads.ts -> src/store/port-value.ts',
        'core-is-innermost: src/core/crossing.ts -> src/service/rescore.ts',
        'migrations-on-port: src/store/migrations/002-crossing.ts -> src/service/rescore.ts',
        'no-circular: src/ingest/parse.ts -> src/ingest/step.ts',
        'web-imports-response-types-only: web/src/bad-client.ts -> src/service/rescore.ts',
        'web-imports-types-only: web/src/bad-client.ts -> src/service/rescore.ts',
      ].sort(),
    );
  });
});

describe('the ESLint boundary rules', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const ruleIds = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath: join(ROOT, filePath) }))[0]!.messages.map(
      (m) => m.ruleId,
    );

  it('keeps process.env out of everything but src/config.ts', async () => {
    const code = 'export const port = process.env.PORT;\n';
    expect(await ruleIds('src/core/planted.ts', code)).toEqual(['no-restricted-properties']);
    expect(await ruleIds('src/config.ts', code)).toEqual([]);
  });

  it('stops a new route from calling the store, and lets it hand the store to a service', async () => {
    const calls = [
      'type D = { store: { getLead(id: string): Promise<unknown> } };',
      'export const a = (deps: D) => deps.store.getLead("x");',
      'export const b = ({ store }: D) => store.getLead("x");',
      'export const c = (deps: D, view: (s: D["store"]) => unknown) => view(deps.store);',
      '',
    ].join('\n');
    expect(await ruleIds('src/api/routes/planted.ts', calls)).toEqual([
      'no-restricted-syntax',
      'no-restricted-syntax',
    ]);
  });

  it('holds every route file to the rule (none is exempt)', async () => {
    const call = [
      'type D = { store: { getLead(id: string): Promise<unknown> } };',
      'export const a = (deps: D) => deps.store.getLead("x");',
      '',
    ].join('\n');
    const routes = readdirSync(join(ROOT, 'src/api/routes')).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes)
      expect(await ruleIds(`src/api/routes/${route}`, call), route).toEqual([
        'no-restricted-syntax',
      ]);
  });
});
