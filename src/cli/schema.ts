// `leadscore schema`: prints the JSON Schema of model files (for editor completion), or writes it.
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { modelJsonSchema } from '../core/json-schema.js';
import { checkOutputs } from './file-checks.js';
import { reportUserError } from './user-error.js';

interface SchemaOptions {
  out?: string;
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('Print the JSON Schema of model files (draft 2020-12)')
    .option('--out <file>', 'write the schema to this file instead of stdout')
    .action(async (options: SchemaOptions) => {
      process.exitCode = await runSchema(options);
    });
}

export async function runSchema(options: SchemaOptions = {}): Promise<number> {
  const text = `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
  if (options.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    await checkOutputs([options.out]);
    await writeFile(options.out, text);
  } catch (error) {
    return reportUserError(error);
  }
  process.stderr.write(`${options.out}: wrote the model JSON Schema\n`);
  return 0;
}
