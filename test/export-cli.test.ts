// `leadscore export` end to end on both stores: the file it writes is the file the HTTP export
// answers (leads and accounts, filters, traits), and its refusals say what is wrong.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { exportWorkspace } from './export-fixture.js';
import { runCli, tempFiles } from './run-cli.js';
import { onTestStores } from './test-stores.js';

// Scores read as of the CLI's own clock: the model has no decay, so they do not move meanwhile.
const NOW = Date.now();
const serverUrl =
  process.env.LEADSCORE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databases: string[] = [];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

/** A database the CLI reaches by --db or DATABASE_URL, and a store over it for the test. */
interface Target {
  name: 'sqlite' | 'postgres';
  open(dir: string): Promise<{ store: Store; args: string[]; env: Record<string, string> }>;
}

const TARGETS: Target[] = onTestStores([
  {
    name: 'sqlite',
    open: async (dir) => {
      const file = join(dir, 'export.db');
      return { store: openSqliteStore({ file }), args: ['--db', file], env: { DATABASE_URL: '' } };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const name = `leadscore_it_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const connectionString = url.toString();
      return {
        store: openPostgresStore({ connectionString }),
        args: [],
        env: { DATABASE_URL: connectionString },
      };
    },
  },
]);

describe.each(TARGETS)('leadscore export on $name', ({ open }) => {
  it('writes the file the HTTP export answers, and refuses what it cannot do', async () => {
    const dir = await tempFiles({});
    const { store, args, env } = await open(dir);
    await store.migrate();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => Date.now() });
    const w = await exportWorkspace(store, app, NOW);
    const http = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: w.admin });
      expect(res.statusCode, res.body).toBe(200);
      return res.body;
    };
    const leadsCsv = await http('/v1/leads/export?stage=tofu&sort=score&traits=title,note');
    const allNdjson = await http('/v1/leads/export?format=ndjson&traits=*');
    const accounts = await http('/v1/accounts/export?format=ndjson&traits=employees,motto');
    await store.close();
    expect(leadsCsv.split('\n').length).toBeGreaterThan(5);
    expect(accounts.split('\n').length).toBe(3);

    const cli = (more: string[]) => runCli(['export', ...args, ...more], undefined, env);
    const out = (name: string) => join(dir, name);
    const csvRun = await cli([
      '--stage',
      'tofu',
      '--sort',
      'score',
      '--traits',
      'title,note',
      '--out',
      out('leads.csv'),
    ]);
    expect(csvRun.stderr).toBe('');
    expect(csvRun.code).toBe(0);
    expect(readFileSync(out('leads.csv'), 'utf8')).toBe(leadsCsv);

    const ndjsonRun = await cli(['--format', 'ndjson', '--traits', '*']);
    expect(ndjsonRun.code).toBe(0);
    expect(ndjsonRun.stdout).toBe(allNdjson);

    const accountRun = await cli([
      '--accounts',
      '--workspace',
      'export',
      '--format',
      'ndjson',
      '--traits',
      'employees,motto',
      '--out',
      out('accounts.ndjson'),
    ]);
    expect(accountRun.code).toBe(0);
    expect(readFileSync(out('accounts.ndjson'), 'utf8')).toBe(accounts);

    const refusals: [string[], RegExp][] = [
      [['--format', 'xlsx'], /^error: --format: expected one of csv, ndjson, got "xlsx"\n$/],
      [['--stage', 'warm'], /^error: --stage: expected one of tofu, mofu, bofu, got "warm"\n$/],
      [['--min-score', 'high'], /^error: --min-score: expected a number, got "high"\n$/],
      [['--sort', 'name'], /^error: --sort: expected one of/],
      [['--accounts', '--grade', 'A'], /^error: --grade: the account list has no such filter/],
      [['--traits', 'title,,x'], /^error: --traits: path 2/],
      [['--workspace', 'nope'], /^error: --workspace: no workspace "nope"/],
      [['--out', join(dir, 'missing', 'x.csv')], /^error: cannot write .*: no such directory/],
    ];
    for (const [more, message] of refusals) {
      const run = await cli(more);
      expect(run.stderr, more.join(' ')).toMatch(message);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    }
    // Nothing half-written was left behind.
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});

describe('leadscore export without a database', () => {
  it('refuses a --db that is not there rather than create an empty one', async () => {
    const dir = await tempFiles({});
    const run = await runCli(['export', '--db', join(dir, 'nope.db')], undefined, {
      DATABASE_URL: '',
    });
    expect(run.stderr).toMatch(/^error: cannot read .*nope\.db: no such file\n$/);
    expect(run.code).toBe(1);
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  });
});
