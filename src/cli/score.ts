// `leadscore score`: scores a leads CSV and its events with a model file, streaming the results.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { compileModel } from '../core/compile-model.js';
import { parseTimestamp } from '../ingest/timestamp.js';
import { scoreFiles, type ScoreFilesSummary } from '../service/batch/score-files.js';
import { loadModel } from '../service/load-model.js';
import { checkInputs, checkOutputs } from './file-checks.js';
import { createProgress } from './progress.js';
import { describeReject, rejectHeader, rejectLine, rejectsFormatOf } from './rejects-output.js';
import { formatterFor, OUTPUT_FORMATS, toRow, type OutputFormat } from './score-output.js';
import { reportUserError } from './user-error.js';
import { BufferedWriter, finish } from './write-stream.js';

/** Rejects printed to stderr when no --rejects file is given; the count is always printed. */
const STDERR_REJECT_LIMIT = 50;

interface ScoreOptions {
  model: string;
  leads: string;
  events?: string;
  asOf?: string;
  out?: string;
  format?: OutputFormat;
  explain?: boolean;
  rejects?: string;
  threads?: number;
}

export function scoreCommand(): Command {
  return new Command('score')
    .description('Score every lead in a CSV file from its events, with a model file')
    .requiredOption('--model <file>', 'model file (.yaml, .yml or .json)')
    .requiredOption(
      '--leads <file>',
      'leads CSV with an id column (nested fields as company.industry)',
    )
    .option(
      '--events <file>',
      'events: NDJSON of Segment track calls, or CSV lead_id,event,timestamp,...',
    )
    .option('--as-of <time>', 'score as of this ISO-8601 time (default: now)')
    .option('--out <file>', 'write results here instead of stdout')
    .addOption(
      new Option('--format <format>', 'output format (default: from --out, else csv)').choices(
        OUTPUT_FORMATS,
      ),
    )
    .option(
      '--explain',
      'include every contribution (criterion or rule, points before and after cap and decay)',
    )
    .option('--rejects <file>', 'write rejected input rows here (CSV, or NDJSON for .ndjson)')
    .option(
      '--threads <n>',
      'threads reading the events file (default: one per core, at most 2)',
      parseThreads,
    )
    .action(async (options: ScoreOptions) => {
      process.exitCode = await runScore(options);
    });
}

export async function runScore(options: ScoreOptions): Promise<number> {
  const asOf = parseAsOf(options.asOf);
  if (typeof asOf === 'string') {
    process.stderr.write(`error: --as-of: ${asOf}\n`);
    return 1;
  }
  let compiled;
  try {
    await checkInputs([options.model, options.leads, options.events]);
    await checkOutputs([options.out, options.rejects]);
    compiled = compileModel(await loadModel(options.model));
  } catch (error) {
    return reportUserError(error);
  }
  const format = options.format ?? formatFromPath(options.out);
  const formatter = formatterFor(format, compiled, options.explain === true);
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const rejectsFormat = options.rejects ? rejectsFormatOf(options.rejects) : 'csv';
  const rejectsOut = options.rejects ? createWriteStream(options.rejects) : undefined;
  rejectsOut?.write(rejectHeader(rejectsFormat));
  let shown = 0;
  const progress = createProgress();
  let first = true;
  let summary: ScoreFilesSummary;
  const writer = new BufferedWriter(out);
  try {
    await writer.write(formatter.open());
    summary = await scoreFiles({
      compiled,
      leadsPath: options.leads,
      eventsPath: options.events,
      asOf,
      explain: options.explain === true,
      threads: options.threads,
      onReject: (r) => {
        if (rejectsOut) rejectsOut.write(rejectLine(rejectsFormat, r));
        else if (shown++ < STDERR_REJECT_LIMIT) process.stderr.write(`${describeReject(r)}\n`);
      },
      onResult: (id, score) => {
        const text = formatter.row(toRow(id, score), first);
        first = false;
        return writer.write(text);
      },
      onPhase: (phase, total) =>
        progress.phase(phase, total, phase === 'scoring' ? 'leads' : 'bytes'),
      onProgress: (done) => progress.update(done),
    });
    progress.stop();
    await writer.write(formatter.close());
    await writer.flush();
    await finish(out);
    if (rejectsOut) await finish(rejectsOut);
  } catch (error) {
    progress.stop();
    return reportUserError(error);
  }
  const rejected = summary.leads.rejected + summary.events.rejected;
  if (!rejectsOut && shown > STDERR_REJECT_LIMIT) {
    process.stderr.write(
      `... and ${shown - STDERR_REJECT_LIMIT} more rejected rows (--rejects FILE lists them all)\n`,
    );
  }
  process.stderr.write(describeSummary(summary, options));
  return rejected > 0 ? 2 : 0;
}

function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 64, got "${value}"`);
  }
  return n;
}

function parseAsOf(text: string | undefined): number | string {
  if (text === undefined) return Date.now();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text;
  const parsed = parseTimestamp(dateOnly);
  return parsed.ok ? parsed.time : parsed.reason;
}

function formatFromPath(path: string | undefined): OutputFormat {
  if (path && /\.json$/i.test(path)) return 'json';
  if (path && /\.(ndjson|jsonl)$/i.test(path)) return 'ndjson';
  return 'csv';
}

function describeSummary(s: ScoreFilesSummary, options: ScoreOptions): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `leads:  ${n(s.leads.read)} read, ${n(s.leads.scored)} scored, ${n(s.leads.rejected)} rejected (${options.leads})`,
  ];
  if (options.events !== undefined) {
    const e = s.events;
    lines.push(
      `events: ${n(e.read)} read, ${n(e.matched)} matched a rule, ${n(e.unmatched)} matched none, ` +
        `${n(e.duplicates)} duplicate messageIds ignored, ${n(e.afterAsOf)} after --as-of ignored, ` +
        `${n(e.rejected)} rejected (${options.events})`,
    );
  }
  if (s.leads.rejected + s.events.rejected > 0 && options.rejects) {
    lines.push(`rejected rows written to ${options.rejects}`);
  }
  return `${lines.join('\n')}\n`;
}
