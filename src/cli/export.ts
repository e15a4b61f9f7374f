// `leadscore export`: every lead (or account) of the server's database that the list's filters
// select, as CSV or NDJSON, to a file or stdout, through the same service as the HTTP export.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Command } from 'commander';
import { openConfiguredStore } from '../api/open-store.js';
import { readConfig } from '../config.js';
import { STAGES } from '../core/model-schema.js';
import { exportAccounts } from '../service/export/account-export.js';
import { EXPORT_FORMATS, type ExportFormat } from '../service/export/export-format.js';
import { exportLeads, type LeadFilters } from '../service/export/lead-export.js';
import { LEAD_SORTS, leadOrder, type LeadSort } from '../service/export/lead-order.js';
import { parseTraitSelection, type TraitSelection } from '../service/export/trait-selection.js';
import { ActiveModels } from '../service/scoring/active-model.js';
import type { Store } from '../store/port.js';
import { numberOption } from './data-options.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { workspaceOf } from './workspace-of.js';
import { finish, writeTo } from './write-stream.js';

interface Flags {
  db: string;
  workspace?: string;
  accounts?: boolean;
  format: string;
  segment?: string;
  grade?: string;
  stage?: string;
  owner?: string;
  minScore?: string;
  maxScore?: string;
  search?: string;
  sort?: string;
  traits?: string;
  out?: string;
}

/** The filters of the lead list that the account list does not have. */
const LEAD_ONLY = [
  ['grade', '--grade'],
  ['stage', '--stage'],
  ['owner', '--owner'],
  ['minScore', '--min-score'],
  ['maxScore', '--max-score'],
  ['search', '--search'],
  ['sort', '--sort'],
] as const;

export function exportCommand(): Command {
  return new Command('export')
    .description(
      'Export the leads (or accounts) the list filters select, scored as of now, as CSV or NDJSON',
    )
    .option('--db <file>', 'SQLite database file (ignored with DATABASE_URL)', './leadscore.db')
    .option('--workspace <id-or-name>', 'the workspace (needed when the database has several)')
    .option('--accounts', 'export the accounts (company scores) instead of the leads')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'csv')
    .option('--segment <id>', 'only this segment')
    .option('--grade <grade>', 'only this grade')
    .option('--stage <stage>', `only this stage (${STAGES.join(', ')})`)
    .option('--owner <owner>', 'only leads this owner was assigned (exact)')
    .option('--min-score <n>', 'only scores of at least n')
    .option('--max-score <n>', 'only scores of at most n')
    .option('--search <text>', 'text in name, email or company name')
    .option('--sort <order>', `${LEAD_SORTS.join(', ')}`, '-score')
    .option('--traits <paths>', 'trait columns: title,company.employees (or * for all, as JSON)')
    .option('--out <file>', 'the file to write (stdout when absent)')
    .action(async (flags: Flags, command: Command) => {
      process.exitCode = await runExport(flags, command);
    });
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
}

function traitsOf(text: string | undefined): TraitSelection {
  const parsed = parseTraitSelection(text);
  if (!parsed.ok) throw new Error(`--traits: ${parsed.message}`);
  return parsed.selection;
}

function leadFilters(flags: Flags): LeadFilters {
  const number = (name: string, text: string | undefined) =>
    text === undefined ? undefined : numberOption(name, text);
  const filters = {
    segment: flags.segment,
    grade: flags.grade,
    stage: flags.stage === undefined ? undefined : oneOf('--stage', flags.stage, STAGES),
    owner: flags.owner,
    minScore: number('--min-score', flags.minScore),
    maxScore: number('--max-score', flags.maxScore),
    search: flags.search,
    ...leadOrder(oneOf<LeadSort>('--sort', flags.sort ?? '-score', LEAD_SORTS)),
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as LeadFilters;
}

/** Refuses a lead filter given with --accounts rather than export more than was asked for. */
function checkAccountFlags(flags: Flags, command: Command): void {
  for (const [key, flag] of LEAD_ONLY) {
    if (key === 'sort' && command.getOptionValueSource('sort') === 'default') continue;
    if (flags[key] !== undefined)
      throw new Error(`${flag}: the account list has no such filter (it has --segment)`);
  }
}

async function runExport(flags: Flags, command: Command): Promise<number> {
  let store: Store | undefined;
  let temporary: string | undefined;
  try {
    const format = oneOf<ExportFormat>('--format', flags.format, EXPORT_FORMATS);
    const traits = traitsOf(flags.traits);
    if (flags.accounts) checkAccountFlags(flags, command);
    const filters = flags.accounts ? undefined : leadFilters(flags);
    const config = readConfig();
    // An export reads a database: a file that is not there is a mistyped --db.
    await checkInputs([config.DATABASE_URL ? undefined : flags.db]);
    await checkOutputs([flags.out]);
    store = openConfiguredStore(config, flags.db);
    await store.migrate();
    const ws = await workspaceOf(store, flags.workspace);
    const chunks = filters
      ? exportLeads(store, new ActiveModels(), ws, { filters, format, traits }, Date.now())
      : exportAccounts(store, ws, { filters: { segment: flags.segment }, format, traits });
    // Written beside the file and renamed once complete: a failed export leaves no partial file.
    temporary = flags.out === undefined ? undefined : `${flags.out}.partial-${process.pid}`;
    const out: Writable =
      temporary === undefined ? process.stdout : createWriteStream(temporary, { flags: 'wx' });
    for await (const chunk of chunks) await writeTo(out, chunk);
    await finish(out);
    if (temporary !== undefined && flags.out !== undefined) await rename(temporary, flags.out);
    temporary = undefined;
    return 0;
  } catch (error) {
    // As `backtest`: a refusal (bad flag, no such workspace, unreachable database) is one line.
    if (error instanceof Error) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    if (temporary !== undefined) await rm(temporary, { force: true });
    await store?.close();
  }
}
