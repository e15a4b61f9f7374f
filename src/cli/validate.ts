// `leadscore validate FILE`: checks a model file, printing every error, then what looks suspicious.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  formatProblem,
  ModelError,
  ModelSyntaxError,
  type ModelProblem,
} from '../core/model-errors.js';
import type { Model } from '../core/model-schema.js';
import { modelWarnings } from '../core/model-warnings.js';
import { parseModelWithLines } from '../core/parse-model.js';
import { loadModel } from '../service/load-model.js';
import { checkInputs } from './file-checks.js';
import { reportUserError } from './user-error.js';

/** Exit codes: 0 valid, 1 invalid (or unreadable), 2 valid with warnings under --strict. */
export const VALIDATE_EXIT = { valid: 0, invalid: 1, warnings: 2 } as const;

interface ValidateOptions {
  strict?: boolean;
}

export function validateCommand(): Command {
  return new Command('validate')
    .description('Check a model file: every error with its path and line, then warnings')
    .argument('<file>', 'model file (.yaml, .yml or .json)')
    .option('--strict', `exit with ${VALIDATE_EXIT.warnings} when there are warnings`)
    .action(async (file: string, options: ValidateOptions) => {
      process.exitCode = await runValidate(file, options);
    });
}

export async function runValidate(file: string, options: ValidateOptions = {}): Promise<number> {
  let model: Model;
  let warnings: ModelProblem[];
  try {
    await checkInputs([file]);
    model = await loadModel(file);
    // The model is valid: parse its text once more, this time to place warnings on lines.
    const { lineOf } = parseModelWithLines(await readFile(file, 'utf8'), file);
    warnings = modelWarnings(model).map((w) => {
      const line = lineOf(w.path);
      return line === undefined ? w : { ...w, line };
    });
  } catch (error) {
    if (!(error instanceof ModelError) || error instanceof ModelSyntaxError) {
      return reportUserError(error);
    }
    for (const problem of error.problems) {
      process.stderr.write(`${file}: ${formatProblem(problem)}\n`);
    }
    return VALIDATE_EXIT.invalid;
  }
  for (const warning of warnings) {
    process.stderr.write(`${file}: warning: ${formatProblem(warning)}\n`);
  }
  process.stdout.write(
    `${file}: valid model "${model.name}": ${describeModel(model)}, ${warnings.length} warning(s)\n`,
  );
  return warnings.length > 0 && options.strict ? VALIDATE_EXIT.warnings : VALIDATE_EXIT.valid;
}

function describeModel(model: Model): string {
  return [
    `${model.fit.criteria.length} criteria`,
    `${model.engagement.rules.length} rules`,
    `${model.fit.grades?.length ?? 0} grades`,
    `${model.segments.length} segments`,
  ].join(', ');
}
