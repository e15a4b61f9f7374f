// `leadscore import`: brings a company's history into the server's database (leads, companies,
// events, outcomes files, with an optional mapping), then scores every lead it touched once.
import { createWriteStream, type WriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { readConfig } from '../config.js';
import { openConfiguredStore } from '../api/open-store.js';
import { importUserError } from '../service/import/import-errors.js';
import { runImport } from '../service/import/run-import.js';
import type { ImportFiles, ImportResult } from '../service/import/import-types.js';
import { ActiveModels } from '../service/scoring/active-model.js';
import type { Store } from '../store/port.js';
import { csvRow } from '../ingest/csv-row.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { importSummary } from './import-summary.js';
import { createProgress } from './progress.js';
import { userErrorMessage } from './user-error.js';
import { workspaceOf } from './workspace-of.js';
import { finish, writeTo } from './write-stream.js';

interface Flags {
  db: string;
  workspace?: string;
  leads?: string;
  companies?: string;
  events?: string;
  outcomes?: string;
  map?: string;
  dryRun?: boolean;
  rejects?: string;
  quiet?: boolean;
  json?: boolean;
  chunkRows?: string;
}

/** No such workspace, or several to choose from. */
class WorkspaceError extends Error {}

/** Rejects printed to stderr; all of them go to --rejects FILE. */
const STDERR_REJECTS = 10;

export function importCommand(): Command {
  return (
    new Command('import')
      .description(
        'Import leads, companies, past events and outcomes into the database, then score every lead the import touched once',
      )
      .option('--db <file>', 'SQLite database file (ignored with DATABASE_URL)', './leadscore.db')
      .option('--workspace <id-or-name>', 'the workspace (needed when the database has several)')
      .option('--leads <file>', 'leads CSV: an id column, traits as columns (company.industry)')
      .option('--companies <file>', 'companies CSV: an id column and traits')
      .option('--events <file>', 'events: NDJSON of Segment track/page calls, or CSV')
      .option('--outcomes <file>', 'outcomes CSV: lead_id,outcome,at[,value,currency,reason]')
      .option('--map <file>', 'mapping YAML: column renames, types, ignored columns per kind')
      .option('--dry-run', 'read and check everything, write nothing')
      .option(
        '--rejects <file>',
        'write every rejected row to this CSV (kind,file,line,reason,row)',
      )
      .option('--quiet', 'fire no segment actions, hand-overs or webhooks for the changes')
      .option('--json', 'print the result as JSON')
      // Small chunks make a crash mid-import testable on small files; not a knob for users.
      .addOption(new Option('--chunk-rows <n>', 'rows per transaction').hideHelp())
      .action(async (flags: Flags) => {
        process.exitCode = await runImportCommand(flags);
      })
  );
}

async function runImportCommand(flags: Flags): Promise<number> {
  const files: ImportFiles = {
    leads: flags.leads,
    companies: flags.companies,
    events: flags.events,
    outcomes: flags.outcomes,
    map: flags.map,
  };
  if (![files.leads, files.companies, files.events, files.outcomes].some(Boolean)) {
    process.stderr.write(
      'error: nothing to import: give at least one of --leads, --companies, --events, --outcomes\n',
    );
    return 1;
  }
  let store: Store | undefined;
  let rejectsOut: WriteStream | undefined;
  const progress = createProgress();
  try {
    const config = readConfig();
    await checkInputs([
      files.leads,
      files.companies,
      files.events,
      files.outcomes,
      files.map,
      config.DATABASE_URL ? undefined : flags.db,
    ]);
    await checkOutputs([flags.rejects]);
    store = openConfiguredStore(config, flags.db);
    await store.migrate();
    const ws = await workspaceOf(store, flags.workspace).catch((error: Error) => {
      throw new WorkspaceError(error.message);
    });
    if (flags.rejects !== undefined) {
      rejectsOut = createWriteStream(flags.rejects);
      await writeTo(rejectsOut, csvRow(['kind', 'file', 'line', 'reason', 'row']));
    }
    const out = rejectsOut;
    let phase = '';
    const result: ImportResult = await runImport(store, new ActiveModels(), {
      ws,
      files,
      dryRun: flags.dryRun === true,
      quiet: flags.quiet === true,
      now: Date.now(),
      chunkRows: flags.chunkRows === undefined ? undefined : Number(flags.chunkRows),
      onProgress: (p) => {
        if (p.phase !== phase) {
          phase = p.phase;
          progress.phase(p.phase, p.total, p.phase === 'rescore' ? 'leads' : 'bytes');
        }
        progress.update(p.done);
      },
      onReject: out
        ? (r) => writeTo(out, csvRow([r.kind, r.file, r.line, r.reason, r.row]))
        : undefined,
    });
    progress.stop();
    if (rejectsOut) await finish(rejectsOut);
    reportRejects(result, flags.rejects);
    if (!result.dryRun && (await store.activeModelVersion(ws)) === undefined) {
      process.stderr.write(
        "No model is active in this workspace: the imported leads are scored when one is activated (the dashboard's Model page, or POST /v1/models/{version}/activate).\n",
      );
    }
    process.stdout.write(
      flags.json ? `${JSON.stringify(result, null, 2)}\n` : importSummary(result),
    );
    return 0;
  } catch (error) {
    progress.stop();
    const message =
      error instanceof WorkspaceError
        ? error.message
        : (importUserError(error) ?? userErrorMessage(error));
    if (message === undefined) throw error;
    process.stderr.write(`error: ${message}\n`);
    return 1;
  } finally {
    await store?.close();
  }
}

function reportRejects(result: ImportResult, rejectsFile: string | undefined): void {
  const total = Object.values(result.counts).reduce((n, c) => n + (c?.rejected ?? 0), 0);
  if (total === 0) return;
  const shown = result.firstRejects.slice(0, STDERR_REJECTS);
  for (const r of shown) process.stderr.write(`${r.file}:${r.line}: ${r.reason}\n`);
  const where = rejectsFile ? `all of them in ${rejectsFile}` : 'list them all with --rejects FILE';
  process.stderr.write(
    `${total} row${total === 1 ? '' : 's'} rejected${total > shown.length ? ` (first ${shown.length} above)` : ''}; ${where}\n`,
  );
}
