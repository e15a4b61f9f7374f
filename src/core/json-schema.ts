// The JSON Schema (draft 2020-12) of model files, generated from the zod schema for editor completion.
import { z } from 'zod';
import { conditionSchema, leafConditionSchema } from './condition-schema.js';
import { modelSchema } from './model-schema.js';

export const MODEL_SCHEMA_ID = 'urn:leadscore:model';
const CONDITION_TITLE = 'Condition';
const CONDITION_DEF = 'condition';

/**
 * The schema of what a model file may contain; `io: 'input'` makes fields with defaults optional.
 * Cross-field checks (unique ids, known references, catch-all last entries) live only in the zod
 * schema, which loading and `leadscore validate` apply.
 */
export function modelJsonSchema(): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(modelSchema, {
    io: 'input',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema === leafConditionSchema) {
        // `field` plus exactly one operator.
        ctx.jsonSchema.minProperties = 2;
        ctx.jsonSchema.maxProperties = 2;
      }
      if (ctx.zodSchema === conditionSchema) {
        ctx.jsonSchema.title = CONDITION_TITLE;
        ctx.jsonSchema.description = 'A test on one field, or all / any / not of conditions';
      }
    },
  });
  return nameConditionDef({
    $schema,
    $id: MODEL_SCHEMA_ID,
    title: 'leadscore model',
    description:
      'A lead scoring model: fit criteria and grades, engagement rules with caps and decay, ' +
      'and segments with funnel stages.',
    ...generated,
  });
}

/** zod names the recursive condition `__schemaN`; give it a name an editor can show. */
function nameConditionDef(schema: Record<string, unknown>): Record<string, unknown> {
  const defs = schema.$defs;
  if (!isObject(defs)) return schema;
  const generatedName = Object.keys(defs).find((name) => {
    const def = defs[name];
    return isObject(def) && def.title === CONDITION_TITLE;
  });
  if (generatedName === undefined) return schema;
  const { [generatedName]: condition, ...otherDefs } = defs;
  const renamed = replaceRef(
    { ...schema, $defs: { [CONDITION_DEF]: condition, ...otherDefs } },
    `#/$defs/${generatedName}`,
    `#/$defs/${CONDITION_DEF}`,
  );
  return isObject(renamed) ? renamed : schema;
}

function replaceRef(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceRef(item, from, to));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && item === from ? to : replaceRef(item, from, to),
    ]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
