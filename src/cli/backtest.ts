// `leadscore backtest`: tries a model file (or a stored version) against the server database's
// history without changing anything, and prints the report (or its JSON).
import { Command } from 'commander';
import { readConfig } from '../config.js';
import { ModelError } from '../core/model-errors.js';
import { openConfiguredStore } from '../api/open-store.js';
import { backtest } from '../service/backtest/backtest.js';
import { loadCandidate } from '../service/backtest/candidate.js';
import { loadModel } from '../service/load-model.js';
import { ActiveModels } from '../service/scoring/active-model.js';
import type { Store } from '../store/port.js';
import { backtestText } from './backtest-report.js';
import { numberOption } from './data-options.js';
import { checkInputs } from './file-checks.js';
import { createProgress } from './progress.js';
import { workspaceOf } from './workspace-of.js';

interface Flags {
  model?: string;
  modelVersion?: string;
  predictiveVersion?: string;
  db: string;
  workspace?: string;
  capacity?: string;
  weeks?: string;
  json?: boolean;
}

export function backtestCommand(): Command {
  return new Command('backtest')
    .description(
      'Backtest a model against the stored history before publishing it: segment moves, ranking of known outcomes vs the active model, the threshold for a sales capacity',
    )
    .option('--model <file>', 'the candidate model file (.yaml, .yml or .json)')
    .option('--model-version <n>', 'or a model version stored in the database')
    .option(
      '--predictive-version <n>',
      'or a trained predictive version (judged on the leads its training held out)',
    )
    .option('--db <file>', 'SQLite database file (ignored with DATABASE_URL)', './leadscore.db')
    .option('--workspace <id-or-name>', 'the workspace (needed when the database has several)')
    .option(
      '--capacity <leads>',
      'sales capacity in leads a week: plans the threshold that fills it',
    )
    .option('--weeks <n>', 'recent weeks the weekly flow is measured over', '12')
    .option('--json', 'print the report as JSON')
    .action(async (flags: Flags) => {
      process.exitCode = await runBacktest(flags);
    });
}

async function runBacktest(flags: Flags): Promise<number> {
  const given = [flags.model, flags.modelVersion, flags.predictiveVersion];
  if (given.filter((g) => g !== undefined).length !== 1) {
    process.stderr.write(
      'error: give exactly one of --model FILE, --model-version N or --predictive-version N\n',
    );
    return 2;
  }
  let store: Store | undefined;
  try {
    const capacity =
      flags.capacity === undefined ? undefined : numberOption('--capacity', flags.capacity);
    const weeks = numberOption('--weeks', flags.weeks ?? '12');
    if (capacity !== undefined && capacity <= 0)
      throw new Error('--capacity: expected a positive number of leads a week');
    if (!Number.isInteger(weeks) || weeks < 1)
      throw new Error('--weeks: expected a whole number of weeks, 1 or more');
    const config = readConfig();
    // A backtest reads history: a database file that is not there is a mistyped --db, not one
    // to create empty.
    await checkInputs([flags.model, config.DATABASE_URL ? undefined : flags.db]);
    const model = flags.model === undefined ? undefined : await loadModel(flags.model);
    store = openConfiguredStore(config, flags.db);
    await store.migrate();
    const ws = await workspaceOf(store, flags.workspace);
    const models = new ActiveModels();
    const candidate = await loadCandidate(
      store,
      models,
      ws,
      model
        ? { spec: model }
        : flags.predictiveVersion !== undefined
          ? { predictiveVersion: numberOption('--predictive-version', flags.predictiveVersion) }
          : { version: numberOption('--model-version', flags.modelVersion!) },
      flags.model ?? '--model-version',
    );
    const progress = createProgress();
    let shown = false;
    const result = await backtest(
      store,
      models,
      ws,
      candidate,
      { ...(capacity === undefined ? {} : { capacityPerWeek: capacity }), weeks },
      Date.now(),
      (p) => {
        if (!shown) progress.phase('backtest', p.total, 'leads');
        shown = true;
        progress.update(p.leads);
      },
    );
    progress.stop();
    process.stdout.write(
      flags.json ? `${JSON.stringify(result, null, 2)}\n` : backtestText(result),
    );
    return 0;
  } catch (error) {
    if (error instanceof ModelError || error instanceof Error) {
      process.stderr.write(`${error instanceof ModelError ? '' : 'error: '}${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store?.close();
  }
}
