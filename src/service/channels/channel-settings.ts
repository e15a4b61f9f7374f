// A channel's settings as a request gives them, checked against its kind (kind-settings.ts): the
// secret fields may come inside `config` (as the issue's `{ kind, name, config }`) or in a
// separate `secrets` object; they are split from the public ones by the kind's schemas. A change
// merges over the stored settings: a field left out keeps its value, `null` clears it.
import type { z } from 'zod';
import type { ChannelKind } from '../../store/port.js';
import { ChannelInputError, type FieldProblem } from './channel-input-error.js';
import { KIND_SETTINGS, syncSettingsSchema } from './kind-settings.js';

type Fields = Record<string, unknown>;

export interface SettingsInput {
  config?: Fields | undefined;
  secrets?: Fields | undefined;
  /** Undefined: unchanged (or off when created); null: off. */
  sync?: Fields | null | undefined;
}

export interface Settings {
  config: Fields;
  secrets: Fields;
  sync: Fields | null;
}

/** The names of the kind's secret fields. */
export function secretFieldNames(kind: ChannelKind): string[] {
  const schema = KIND_SETTINGS[kind].secrets as unknown as z.ZodObject;
  return Object.keys(schema.shape);
}

/** Given fields over stored ones: null removes one, undefined leaves it. */
function merge(stored: Fields, given: Fields): Fields {
  const out: Fields = { ...stored };
  for (const [key, value] of Object.entries(given)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

function problemsOf(error: z.ZodError, fieldOf: (key: string) => string): FieldProblem[] {
  return error.issues.map((issue) => {
    // An unknown field is reported on the object, with its name in `keys`.
    const keys = 'keys' in issue ? (issue.keys as string[]) : [];
    const [head, ...rest] = [...issue.path.map(String), ...(keys.length === 1 ? keys : [])];
    const field = head === undefined ? fieldOf('') : [fieldOf(head), ...rest].join('.');
    return { field: field.replace(/\.$/, ''), message: issue.message };
  });
}

/**
 * Checks the settings of a channel of `kind`, over `stored` ones when it is a change. Throws
 * ChannelInputError naming every field at fault.
 */
export function channelSettings(
  kind: ChannelKind,
  input: SettingsInput,
  stored?: Settings,
): Settings {
  const kinds = KIND_SETTINGS[kind];
  const secretNames = new Set(secretFieldNames(kind));
  const givenConfig = input.config ?? {};
  const publicPart: Fields = {};
  const secretPart: Fields = {};
  /** Where each secret came from, so that a problem names it where the caller put it. */
  const origin = new Map<string, string>();
  for (const [key, value] of Object.entries(givenConfig)) {
    if (secretNames.has(key)) {
      secretPart[key] = value;
      origin.set(key, 'config');
    } else publicPart[key] = value;
  }
  for (const [key, value] of Object.entries(input.secrets ?? {})) {
    secretPart[key] = value;
    origin.set(key, 'secrets');
  }
  const problems: FieldProblem[] = [];
  const config = kinds.config.safeParse(merge(stored?.config ?? {}, publicPart));
  if (!config.success) problems.push(...problemsOf(config.error, (key) => `config.${key}`));
  const secretHome = input.secrets === undefined ? 'config' : 'secrets';
  const secrets = kinds.secrets.safeParse(merge(stored?.secrets ?? {}, secretPart));
  if (!secrets.success)
    problems.push(...problemsOf(secrets.error, (key) => `${origin.get(key) ?? secretHome}.${key}`));

  let sync = stored?.sync ?? null;
  if (input.sync !== undefined) {
    if (input.sync !== null && !kinds.syncs)
      problems.push({
        field: 'sync',
        message: `${kind} channels do not write lead state back (only segment, hubspot and salesforce do)`,
      });
    else if (input.sync === null) sync = null;
    else {
      const parsed = syncSettingsSchema.safeParse(input.sync);
      if (parsed.success) sync = parsed.data;
      else problems.push(...problemsOf(parsed.error, (key) => `sync.${key}`));
    }
  }
  if (problems.length > 0 || !config.success || !secrets.success)
    throw new ChannelInputError(problems);
  return { config: config.data, secrets: secrets.data, sync };
}
