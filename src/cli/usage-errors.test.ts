// Usage errors: commander's suggestion on the same line, and every command set up alike.
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';
import { oneLineError } from './usage-errors.js';

describe('oneLineError', () => {
  it("puts commander's suggestion on the error's line", () => {
    expect(oneLineError("error: unknown option '--modle'\n(Did you mean --model?)\n")).toBe(
      "error: unknown option '--modle' (did you mean --model?)\n",
    );
    expect(oneLineError("error: unknown option '--zzz'\n")).toBe("error: unknown option '--zzz'\n");
  });
});

describe('buildProgram', () => {
  const parse = async (args: string[]) => {
    const program = buildProgram();
    let written = '';
    const all = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
    for (const command of all) {
      command.configureOutput({ writeErr: (text) => (written += text) });
    }
    const error = await program.parseAsync(['node', 'leadscore', ...args]).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, written };
  };

  it('reports a misspelt required option as unknown, not as missing', async () => {
    const { error, written } = await parse(['score', '--modle', 'x.yaml', '--leads', 'l.csv']);
    expect(error).toMatchObject({ code: 'commander.unknownOption', exitCode: 1 });
    expect(written).toBe("error: unknown option '--modle' (did you mean --model?)\n");
  });

  it('still requires the required options', async () => {
    const { error, written } = await parse(['train', '--data', 'd.csv', '--target', 'y']);
    expect(error).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    expect(written).toBe("error: required option '--out <file>' not specified\n");
  });

  it('suggests on every subcommand, nested ones too', async () => {
    const { written } = await parse(['workspaces', 'create', 'a', '--dbb', 'x']);
    expect(written).toBe("error: unknown option '--dbb' (did you mean --db?)\n");
  });
});
