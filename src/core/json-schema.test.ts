// The generated JSON Schema accepts the example models and rejects what the zod schema rejects.
import { readFile, readdir } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMA_ID, modelJsonSchema } from './json-schema.js';

const modelsDir = new URL('../../examples/models/', import.meta.url);

function validator() {
  // `format: email` (e-mail actions) comes with the pattern zod checks, which ajv applies: the
  // format itself is known to editors, and needs no second check here.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    formats: { email: true },
  });
  return ajv.compile(modelJsonSchema());
}

const minimal = { name: 'm', segments: [{ id: 'all', stage: 'tofu' }] };

describe('modelJsonSchema', () => {
  it('is draft 2020-12 JSON with an id, title and description', () => {
    const schema = JSON.parse(JSON.stringify(modelJsonSchema())) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(MODEL_SCHEMA_ID);
    expect(schema.title).toBeTypeOf('string');
    expect(schema.description).toBeTypeOf('string');
  });

  it('defines the recursive condition once and refers to it', () => {
    const schema = modelJsonSchema();
    const defs = schema.$defs as Record<string, unknown>;
    expect(Object.keys(defs)).toEqual(['condition']);
    const text = JSON.stringify(schema);
    expect(text).toContain('"$ref":"#/$defs/condition"');
    expect(text).not.toContain('__schema');
  });

  it('accepts every example model', async () => {
    const validate = validator();
    const files = (await readdir(modelsDir)).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['b2b.yaml', 'seed.yaml']));
    for (const file of files) {
      const model: unknown = parse(await readFile(new URL(file, modelsDir), 'utf8'));
      expect({ file, ok: validate(model), errors: validate.errors }).toEqual({
        file,
        ok: true,
        errors: null,
      });
    }
  });

  it('accepts a minimal model: fields with defaults are optional', () => {
    expect(validator()(minimal)).toBe(true);
  });

  it('rejects an unknown key, at the top or inside a rule', () => {
    const validate = validator();
    expect(validate({ ...minimal, segmnets: [] })).toBe(false);
    const rule = { id: 'r', event: 'E', points: 1, pionts: 2 };
    expect(validate({ ...minimal, engagement: { rules: [rule] } })).toBe(false);
  });

  it('rejects a string for points', () => {
    const rule = { id: 'r', event: 'E', points: 'five' };
    const validate = validator();
    expect(validate({ ...minimal, engagement: { rules: [rule] } })).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/engagement/rules/0/points')).toBe(
      true,
    );
  });

  it('checks nested conditions: one operator per leaf, no unknown operator', () => {
    const validate = validator();
    const withWhen = (when: unknown) => ({
      ...minimal,
      fit: { criteria: [{ id: 'c', when, points: 1 }] },
    });
    expect(validate(withWhen({ all: [{ not: { field: 'a', exists: true } }] }))).toBe(true);
    expect(validate(withWhen({ all: [{ field: 'a', eq: 1, neq: 2 }] }))).toBe(false);
    expect(validate(withWhen({ any: [{ field: 'a' }] }))).toBe(false);
    expect(validate(withWhen({ not: { field: 'a', equals: 1 } }))).toBe(false);
  });
  it('accepts e-mail and Slack actions, and rejects a recipient that is not an address', () => {
    const validate = validator();
    const withActions = (actions: unknown[]) => ({
      name: 'm',
      segments: [{ id: 'all', stage: 'tofu', actions }],
    });
    const email = { type: 'email', channel: 'mail', to: 'owner', subject: 'Hot', once: true };
    const slack = { type: 'slack', channel: 'sales', text: '*{{lead.name}}*' };
    expect(validate(withActions([email, slack, { ...email, to: ['ann@acme.io'] }]))).toBe(true);
    expect(validate(withActions([{ ...email, to: ['not an address'] }]))).toBe(false);
    expect(validate(withActions([{ ...slack, to: 'owner' }]))).toBe(false);
    expect(validate(withActions([{ type: 'email', to: 'owner' }]))).toBe(false);
  });
});
