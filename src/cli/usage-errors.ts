// How every command reports a usage mistake (an unknown or missing option, an unknown command):
// one line, naming the nearest option or command when there is one.
import type { Command } from 'commander';

/** Commander puts its suggestion on a line of its own: `(Did you mean --model?)`. */
export function oneLineError(text: string): string {
  return text.replace(/\n\(Did you mean (.+?)\?\)/g, ' (did you mean $1?)');
}

/** Applies to the command and every subcommand below it: `addCommand` copies no settings. */
export function reportUsageErrors(command: Command): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(oneLineError(text)) });
  checkRequiredAfterUnknown(command);
  for (const sub of command.commands) reportUsageErrors(sub);
}

/**
 * Commander checks required options before unknown ones, and everything after an unknown
 * option is left unparsed, so `score --modle x.yaml` was reported as a missing --model. Here
 * the required options are checked just before the action, after the unknown ones.
 */
function checkRequiredAfterUnknown(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length === 0) return;
  for (const option of required) option.makeOptionMandatory(false);
  command.hook('preAction', () => {
    for (const option of required) {
      if (command.getOptionValue(option.attributeName()) === undefined) {
        command.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
      }
    }
  });
}
