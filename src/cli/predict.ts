// `leadscore predict`: scores a leads CSV with a trained model artifact, writing one row per
// input row, in input order: probability, band, and the factors pushing it up and down.
import { readFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Command } from 'commander';
import { matchColumns } from '../ingest/csv-columns.js';
import { parseArtifact } from '../ml/artifact.js';
import { significant } from '../ml/factor-label.js';
import { predictRows, type Factor } from '../ml/predict.js';
import { readDataset } from '../ml/read-dataset.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { reportRejects } from './train.js';
import { reportUserError } from './user-error.js';
import { BufferedWriter, finish } from './write-stream.js';

interface PredictOptions {
  model: string;
  data: string;
  out?: string;
  factors: number;
}

export function predictCommand(): Command {
  return new Command('predict')
    .description('Score leads with a trained model: probability to convert, band A-D, top factors')
    .requiredOption('--model <file>', 'model artifact written by `leadscore train`')
    .requiredOption('--data <file>', 'leads CSV (, or ; separated) with the columns trained on')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .action(async (options: Omit<PredictOptions, 'factors'>) => {
      process.exitCode = await runPredict({ ...options, factors: 3 });
    });
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `job is retired (+0.42); unknown age (-0.17)`: label and log-odds contribution. */
function describeFactors(factors: Factor[]): string {
  return factors
    .map((f) => `${f.text} (${f.contribution > 0 ? '+' : ''}${significant(f.contribution)})`)
    .join('; ');
}

export async function runPredict(options: PredictOptions): Promise<number> {
  let out: Writable | undefined;
  try {
    await checkInputs([options.model, options.data]);
    await checkOutputs([options.out]);
    const path = options.model;
    const artifact = parseArtifact(await readFile(path, 'utf8'), path);
    const dataset = await readDataset(options.data);
    const predictions = predictRows(artifact, dataset, options.factors);
    const rejected = reportRejects(dataset);
    // `ID` or `Id` is the id column too, when it is the only one.
    const ids = matchColumns(dataset.columns, ['id']);
    const id = ids.ok ? ids.columns.indexOf('id') : -1;
    out = options.out ? createWriteStream(options.out) : process.stdout;
    const writer = new BufferedWriter(out);
    await writer.write(`${id >= 0 ? 'id,' : ''}probability,band,factors_up,factors_down\n`);
    for (const entry of dataset.order) {
      if ('reject' in entry) {
        await writer.write(`${id >= 0 ? ',' : ''},,,\n`);
        continue;
      }
      const p = predictions[entry.row]!;
      const fields = [
        p.probability.toFixed(6),
        p.band,
        csvField(describeFactors(p.up)),
        csvField(describeFactors(p.down)),
      ];
      if (id >= 0) fields.unshift(csvField(dataset.rows[entry.row]![id]!));
      await writer.write(`${fields.join(',')}\n`);
    }
    await writer.flush();
    await finish(out);
    process.stderr.write(
      `${predictions.length} leads scored, ${rejected} rows rejected (${options.data})\n`,
    );
    return rejected > 0 ? 2 : 0;
  } catch (error) {
    return reportUserError(error);
  }
}
