// `leadscore analyze`: conversion analytics over leads with known outcomes — overall rate,
// attributes ranked by information value, behaviours and channels — as tables, CSV and HTML.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { analyze, DEFAULT_BINS } from '../analytics/analyze.js';
import { DEFAULT_THRESHOLDS } from '../analytics/behaviours.js';
import { readCosts } from '../analytics/costs.js';
import { csvTables } from '../analytics/csv-report.js';
import { AnalyticsError } from '../analytics/errors.js';
import { columnList, numberOption } from './data-options.js';
import { count } from '../analytics/format.js';
import { htmlReport } from '../analytics/html-report.js';
import { formatAnalysis } from '../analytics/text-report.js';
import { readDataset } from '../ml/read-dataset.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { reportRejects } from './train.js';
import { reportUserError } from './user-error.js';

interface AnalyzeCliOptions {
  data: string;
  target: string;
  positive?: string;
  exclude?: string;
  bins: string;
  behaviours?: string;
  thresholds: string;
  channel?: string;
  costs?: string;
  csv?: string;
  html?: string;
}

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description(
      'Conversion analytics over leads with known outcomes: rates by attribute, behaviour, channel',
    )
    .requiredOption('--data <file>', 'leads CSV (, or ; separated) with an outcome column')
    .requiredOption(
      '--target <column>',
      'the outcome column (yes, true, 1, converted, won = converted)',
    )
    .option('--positive <value>', 'the one target value that counts as converted (any case)')
    .option('--exclude <columns>', 'comma-separated columns not to analyse (ids, leaks)')
    .option('--bins <n>', 'quantile bins per numeric attribute', String(DEFAULT_BINS))
    .option('--behaviours <columns>', 'comma-separated count columns (visits, demos, ...)')
    .option(
      '--thresholds <list>',
      'behaviour thresholds: did it at least n times',
      DEFAULT_THRESHOLDS.join(','),
    )
    .option('--channel <column>', 'the lead source / UTM column to compare channels by')
    .option('--costs <file>', 'CSV of channel,cost: adds cost per lead and per conversion')
    .option('--csv <dir>', 'also write one CSV file per table into this folder')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .action(async (options: AnalyzeCliOptions) => {
      process.exitCode = await runAnalyze(options);
    });
}

export async function runAnalyze(options: AnalyzeCliOptions): Promise<number> {
  try {
    if (options.costs !== undefined && options.channel === undefined) {
      throw new AnalyticsError(
        'invalid_option',
        '--costs needs --channel (the column the costs are by)',
      );
    }
    await checkInputs([options.data, options.costs]);
    await checkOutputs([options.html]);
    const dataset = await readDataset(options.data);
    const rejected = reportRejects(dataset);
    const analysis = analyze(dataset, {
      target: options.target,
      ...(options.positive === undefined ? {} : { positive: options.positive }),
      exclude: columnList(options.exclude),
      bins: numberOption('--bins', options.bins),
      behaviours: columnList(options.behaviours),
      thresholds: columnList(options.thresholds).map((t) => numberOption('--thresholds', t)),
      ...(options.channel === undefined ? {} : { channel: options.channel }),
      ...(options.costs === undefined ? {} : { costs: await readCosts(options.costs) }),
    });
    process.stdout.write(formatAnalysis(analysis));
    if (options.csv !== undefined) {
      await mkdir(options.csv, { recursive: true });
      const tables = csvTables(analysis);
      for (const t of tables) await writeFile(join(options.csv, t.file), t.text);
      process.stderr.write(
        `CSV tables written to ${options.csv}: ${tables.map((t) => t.file).join(', ')}\n`,
      );
    }
    if (options.html !== undefined) {
      await writeFile(options.html, htmlReport(analysis));
      process.stderr.write(`HTML report written to ${options.html}\n`);
    }
    if (rejected > 0)
      process.stderr.write(`${count(rejected, 'row')} rejected (${options.data})\n`);
    return rejected > 0 ? 2 : 0;
  } catch (error) {
    return reportUserError(error);
  }
}
