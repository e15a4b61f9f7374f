// The `leadscore` command line: one subcommand per file in this folder.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { StartupError } from '../api/startup-error.js';
import { ConfigError } from '../config.js';
import { analyzeCommand } from './analyze.js';
import { backtestCommand } from './backtest.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { predictCommand } from './predict.js';
import { schemaCommand } from './schema.js';
import { scoreCommand } from './score.js';
import { serveCommand } from './serve.js';
import { suggestCommand } from './suggest.js';
import { trainCommand } from './train.js';
import { usersCommand } from './users.js';
import { reportUsageErrors } from './usage-errors.js';
import { validateCommand } from './validate.js';
import { workspacesCommand } from './workspaces.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('leadscore')
    .description('Explainable lead scoring: fit and engagement scores, grades, segments, stages')
    .version(version());
  program.addCommand(scoreCommand());
  program.addCommand(validateCommand());
  program.addCommand(schemaCommand());
  program.addCommand(serveCommand());
  program.addCommand(workspacesCommand());
  program.addCommand(usersCommand());
  program.addCommand(trainCommand());
  program.addCommand(predictCommand());
  program.addCommand(analyzeCommand());
  program.addCommand(suggestCommand());
  program.addCommand(backtestCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  reportUsageErrors(program);
  return program;
}

/** The user's setup at fault: one line. Anything else is a bug: its stack, to report it. */
function describeFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `leadscore score ... | head`: the reader has all it wants; stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    process.stderr.write(`error: ${describeFailure(error)}\n`);
    return 1;
  }
}
