// Segment actions in the model file: what is accepted, and errors that say where and why.
import { describe, expect, it } from 'vitest';
import { ModelError } from './model-errors.js';
import { parseModel } from './parse-model.js';

const model = (...segmentLines: string[]) =>
  ['name: t', 'segments:', ...segmentLines, '  - { id: rest, stage: tofu }', ''].join('\n');

function problems(text: string) {
  try {
    parseModel(text, 'm.yaml');
  } catch (error) {
    if (error instanceof ModelError) return error.problems;
    throw error;
  }
  return [];
}

describe('segment actions', () => {
  it('accepts round robin, by-field assignment, tags and notifications, once or always', () => {
    const parsed = parseModel(
      model(
        '  - id: mql',
        '    above: 20',
        '    stage: mofu',
        '    qualified: true',
        '    actions:',
        '      - { type: assign, owners: [ann@acme.io, bob@acme.io], once: true }',
        '      - { type: assign, byField: country, map: { US: ann, DE: bob }, default: carol }',
        '      - { type: tag, tag: hot }',
        '      - { type: notify, message: Call within the hour }',
      ),
    );
    expect(parsed.segments[0]?.qualified).toBe(true);
    expect(parsed.segments[0]?.actions?.map((a) => a.type)).toEqual([
      'assign',
      'assign',
      'tag',
      'notify',
    ]);
  });

  it('keeps model files without actions valid', () => {
    expect(parseModel(model('  - { id: mql, above: 20, stage: mofu }')).segments[0]?.actions).toBe(
      undefined,
    );
  });

  it('says which action is wrong, and on which line', () => {
    const found = problems(
      model(
        '  - id: mql',
        '    above: 20',
        '    stage: mofu',
        '    actions:',
        '      - { type: assign }',
        '      - { type: assign, byField: country }',
        '      - { type: call }',
      ),
    );
    expect(found).toEqual([
      {
        path: 'segments[0].actions[2].type',
        message: 'expected one of "assign", "tag", "notify", "email", "slack", got "call"',
        line: 9,
      },
      expect.objectContaining({
        path: 'segments[0].actions[0]',
        message: 'an assign action needs either owners (round robin) or byField with map',
        line: 7,
      }),
      expect.objectContaining({
        path: 'segments[0].actions[1].map',
        message: 'byField needs a map of field values to owners',
        line: 8,
      }),
    ]);
  });
  it('accepts e-mail and Slack actions, and names a wrong recipient', () => {
    const parsed = parseModel(
      model(
        '  - id: mql',
        '    above: 20',
        '    stage: mofu',
        '    actions:',
        '      - { type: email, channel: sales-mail, to: owner, once: true }',
        '      - { type: email, channel: sales-mail, to: [ann@acme.io], subject: "Hot: {{lead.name}}" }',
        '      - { type: slack, channel: sales, text: "*{{lead.name}}* is hot" }',
      ),
    );
    expect(parsed.segments[0]?.actions).toEqual([
      { type: 'email', channel: 'sales-mail', to: 'owner', once: true },
      { type: 'email', channel: 'sales-mail', to: ['ann@acme.io'], subject: 'Hot: {{lead.name}}' },
      { type: 'slack', channel: 'sales', text: '*{{lead.name}}* is hot' },
    ]);
    const found = problems(
      model(
        '  - id: mql',
        '    above: 20',
        '    stage: mofu',
        '    actions:',
        '      - { type: email, channel: m, to: [not-an-address] }',
        '      - { type: slack, text: hi }',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({ path: 'segments[0].actions[0].to[0]', line: 7 }),
      { path: 'segments[0].actions[1].channel', message: 'required: expected a text', line: 8 },
    ]);
  });
});
