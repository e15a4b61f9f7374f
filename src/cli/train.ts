// `leadscore train`: learns a conversion model from leads with known outcomes, prints the
// held-out report and writes the model artifact (JSON).
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { serializeArtifact } from '../ml/artifact.js';
import { readDataset, type Dataset } from '../ml/read-dataset.js';
import { columnList } from './data-options.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { reportUserError } from './user-error.js';
import { formatReport } from '../ml/report-text.js';
import { trainModel } from '../ml/train.js';

/** Rejected rows printed to stderr; the count is always printed. */
export const REJECTS_SHOWN = 50;

interface TrainCliOptions {
  data: string;
  target: string;
  exclude?: string;
  model: 'lr' | 'gbdt';
  positive?: string;
  out: string;
}

export function trainCommand(): Command {
  return new Command('train')
    .description('Train a conversion model on leads with known outcomes; print its held-out report')
    .requiredOption('--data <file>', 'leads CSV (, or ; separated) with an outcome column')
    .requiredOption(
      '--target <column>',
      'the outcome column (yes, true, 1, converted, won = converted)',
    )
    .option('--exclude <columns>', 'comma-separated columns not to learn from (ids, leaks)')
    .addOption(
      new Option('--model <kind>', 'lr: logistic regression; gbdt: gradient-boosted trees')
        .choices(['lr', 'gbdt'])
        .default('gbdt'),
    )
    .option('--positive <value>', 'the one target value that counts as converted (any case)')
    .requiredOption('--out <file>', 'where to write the model artifact (JSON)')
    .action(async (options: TrainCliOptions) => {
      process.exitCode = await runTrain(options);
    });
}

/** Prints a dataset's rejected rows (file:line: reason) to stderr; returns how many. */
export function reportRejects(dataset: Dataset): number {
  for (const r of dataset.rejects.slice(0, REJECTS_SHOWN)) {
    process.stderr.write(`${dataset.source}:${r.line}: row rejected: ${r.reason}\n`);
  }
  if (dataset.rejects.length > REJECTS_SHOWN) {
    process.stderr.write(`... and ${dataset.rejects.length - REJECTS_SHOWN} more rejected rows\n`);
  }
  return dataset.rejects.length;
}

export async function runTrain(options: TrainCliOptions): Promise<number> {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          // No bar: early stopping ends training long before the most trees allowed.
          format: 'training: {value} trees (until the validation loss stops improving)',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  try {
    await checkInputs([options.data]);
    await checkOutputs([options.out]);
    const dataset = await readDataset(options.data);
    const rejected = reportRejects(dataset);
    const started = Date.now();
    let barStarted = false;
    const artifact = trainModel(dataset, {
      target: options.target,
      kind: options.model,
      exclude: columnList(options.exclude),
      ...(options.positive === undefined ? {} : { positive: options.positive }),
      onIteration: (done, total) => {
        if (!barStarted) bar?.start(total, 0);
        barStarted = true;
        bar?.update(done);
      },
    });
    bar?.stop();
    for (const warning of artifact.report.warnings ?? []) {
      process.stderr.write(`warning: ${warning}\n`);
    }
    await writeFile(options.out, serializeArtifact(artifact));
    process.stdout.write(formatReport(artifact, (Date.now() - started) / 1000));
    const refit = artifact.report.refit;
    if (refit !== undefined) {
      process.stdout.write(
        `the saved model was refit on all ${refit.rows} labelled leads (${refit.converted} converted) ` +
          'after the held-out figures above were taken\n',
      );
    }
    process.stderr.write(
      `model written to ${options.out}` +
        (rejected > 0 ? `; ${rejected} rows rejected (${options.data})` : '') +
        '\n',
    );
    return rejected > 0 ? 2 : 0;
  } catch (error) {
    bar?.stop();
    return reportUserError(error);
  }
}
