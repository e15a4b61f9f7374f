// `leadscore suggest`: a scorecard from data — fit criteria (and engagement rules from count
// columns) with points from weights of evidence, written as a model file to read, edit and
// validate, with how well it (and the current model) ranks the held-out fifth of the leads.
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { DEFAULT_BINS } from '../analytics/analyze.js';
import { columnList, numberOption } from './data-options.js';
import { count } from '../analytics/format.js';
import {
  DEFAULT_MIN_IV,
  DEFAULT_PDO,
  heldOutFigures,
  heldOutSplit,
  METHODS,
  suggest,
  type SuggestMethod,
} from '../analytics/suggest.js';
import { behaviourOf } from '../analytics/suggest-behaviours.js';
import { formatSuggestion } from '../analytics/suggest-report.js';
import { suggestionYaml } from '../analytics/suggest-yaml.js';
import { compileModel } from '../core/compile-model.js';
import { parseModel } from '../core/parse-model.js';
import { readDataset } from '../ml/read-dataset.js';
import { loadModel } from '../service/load-model.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { reportRejects } from './train.js';
import { reportUserError } from './user-error.js';

interface SuggestCliOptions {
  data: string;
  target: string;
  positive?: string;
  exclude?: string;
  behaviours?: string;
  bins: string;
  pdo: string;
  minIv: string;
  method: SuggestMethod;
  model?: string;
  out: string;
}

export function suggestCommand(): Command {
  return new Command('suggest')
    .description(
      'Suggest fit points (and behaviour rules from count columns) from leads with known ' +
        'outcomes (weights of evidence); write a model file',
    )
    .requiredOption('--data <file>', 'leads CSV (, or ; separated) with an outcome column')
    .requiredOption(
      '--target <column>',
      'the outcome column (yes, true, 1, converted, won = converted)',
    )
    .option('--positive <value>', 'the one target value that counts as converted (any case)')
    .option('--exclude <columns>', 'comma-separated columns not to learn from (ids, leaks)')
    .option(
      '--behaviours <columns>',
      'comma-separated count columns that become engagement rules (event: the column name, ' +
        'or what follows "did: ")',
    )
    .option('--bins <n>', 'quantile bins per numeric attribute', String(DEFAULT_BINS))
    .option('--pdo <points>', 'points that double the odds of converting', String(DEFAULT_PDO))
    .option(
      '--min-iv <value>',
      'leave out attributes with a lower information value',
      String(DEFAULT_MIN_IV),
    )
    .addOption(
      new Option(
        '--method <method>',
        'woe: points from weights of evidence; lr: weighted by a logistic regression on them',
      )
        .choices(METHODS)
        .default('woe'),
    )
    .option('--model <file>', 'the current model file, to compare on the held-out leads')
    .requiredOption('--out <file>', 'where to write the suggested model (YAML)')
    .action(async (options: SuggestCliOptions) => {
      process.exitCode = await runSuggest(options);
    });
}

export async function runSuggest(options: SuggestCliOptions): Promise<number> {
  try {
    await checkInputs([options.data, options.model]);
    await checkOutputs([options.out]);
    const current = options.model === undefined ? undefined : await loadModel(options.model);
    const dataset = await readDataset(options.data);
    const rejected = reportRejects(dataset);
    const behaviours = columnList(options.behaviours).map(behaviourOf);
    const suggestion = suggest(dataset, {
      target: options.target,
      ...(options.positive === undefined ? {} : { positive: options.positive }),
      exclude: columnList(options.exclude),
      bins: numberOption('--bins', options.bins),
      pdo: numberOption('--pdo', options.pdo),
      minIv: numberOption('--min-iv', options.minIv),
      method: options.method,
      behaviours,
    });
    const text = suggestionYaml(suggestion);
    // What is written is what was measured: the file must load as the model it stands for.
    parseModel(text, options.out);
    const compared =
      current === undefined
        ? undefined
        : {
            name: options.model!,
            figures: heldOutFigures(
              compileModel(current),
              dataset,
              heldOutSplit(dataset, options.target, options.positive),
              behaviours,
            ),
          };
    await writeFile(options.out, text);
    process.stdout.write(formatSuggestion(suggestion, compared));
    process.stderr.write(`Suggested model written to ${options.out}\n`);
    if (rejected > 0) {
      process.stderr.write(`${count(rejected, 'row')} rejected (${options.data})\n`);
    }
    return rejected > 0 ? 2 : 0;
  } catch (error) {
    return reportUserError(error);
  }
}
