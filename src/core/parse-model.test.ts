// Unit tests of model loading: the example models, and errors that name the path and the line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError, ModelSyntaxError, type ModelProblem } from './model-errors.js';
import { modelFormatOf, parseModel, validateModel } from './parse-model.js';

const MODELS_DIR = join(import.meta.dirname, '../../examples/models');

/** The problems a model text is rejected with (fails the test if it loads). */
function problemsOf(text: string): ModelProblem[] {
  try {
    parseModel(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ModelError) return error.problems;
    throw error;
  }
  throw new Error('expected the model to be rejected');
}

/** A valid model with the given lines spliced in before its segments. */
function withLines(...lines: string[]): string {
  return ['name: t', ...lines, 'segments:', '  - { id: all, stage: tofu }', ''].join('\n');
}

describe('example models', () => {
  const files = readdirSync(MODELS_DIR).filter((f) => modelFormatOf(f) !== undefined);

  it('include seed.yaml and b2b.yaml', () => {
    expect(files).toEqual(expect.arrayContaining(['seed.yaml', 'b2b.yaml']));
  });

  it.each(files)('%s loads', (file) => {
    const model = parseModel(readFileSync(join(MODELS_DIR, file), 'utf8'), file);
    expect(model.segments.length).toBeGreaterThan(0);
  });

  it('seed.yaml holds the worked example of the brief', () => {
    const model = parseModel(readFileSync(join(MODELS_DIR, 'seed.yaml'), 'utf8'));
    expect(model.engagement.rules.map((r) => r.points)).toEqual([2, 5, 8, 10]);
    expect(model.segments.map((s) => [s.min, s.above])).toEqual([
      [80, undefined],
      [undefined, 20],
      [undefined, 5],
      [undefined, undefined],
    ]);
    expect(model.fit.criteria).toEqual([]);
  });
});

describe('modelFormatOf', () => {
  it('knows .json, .yaml and .yml in any case', () => {
    expect(modelFormatOf('m.json')).toBe('json');
    expect(modelFormatOf('M.YAML')).toBe('yaml');
    expect(modelFormatOf('dir/m.yml')).toBe('yaml');
    expect(modelFormatOf('m.txt')).toBeUndefined();
  });
});

describe('errors name the path, the problem and the line', () => {
  it('a rule with points: five', () => {
    const text = withLines(
      'engagement:',
      '  rules:',
      '    - { id: open, event: Email Opened, points: 2 }',
      '    - id: download',
      '      event: Asset Downloaded',
      '      points: five',
    );
    expect(problemsOf(text)).toEqual([
      {
        path: 'engagement.rules[1].points',
        message: 'expected a number, got "five"',
        line: 7,
      },
    ]);
  });

  it('the thrown error lists every problem with the source name', () => {
    try {
      parseModel(withLines('colour: red', 'size: 3'), 'my-model.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      const e = error as ModelError;
      expect(e.code).toBe('invalid_model');
      expect(e.message).toContain('my-model.yaml: 2 problem(s)');
      expect(e.message).toContain('colour (line 2): unknown key "colour"');
      expect(e.message).toContain('size (line 3): unknown key "size"');
    }
  });

  it('unknown keys anywhere are errors, not ignored', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - id: vp',
      '      when: { field: title, contains: vp }',
      '      points: 5',
      '      wieght: 3',
      'engagement:',
      '  rules:',
      '    - { id: open, event: Email Opened, points: 2, cap: { points: 5, dayz: 7 } }',
    );
    expect(problemsOf(text)).toEqual([
      { path: 'fit.criteria[0].wieght', message: 'unknown key "wieght"', line: 7 },
      { path: 'engagement.rules[0].cap.dayz', message: 'unknown key "dayz"', line: 10 },
    ]);
  });

  it('a missing required key gets the line of its mapping', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - id: vp',
      '      when: { field: t, eq: x }',
    );
    expect(problemsOf(text)).toEqual([
      { path: 'fit.criteria[0].points', message: 'required: expected a number', line: 4 },
    ]);
  });

  it('duplicate ids, shared between criteria and rules', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - { id: vp, when: { field: t, eq: x }, points: 1 }',
      '    - { id: vp, when: { field: t, eq: y }, points: 1 }',
      'engagement:',
      '  rules:',
      '    - { id: vp, event: E, points: 1 }',
    );
    expect(problemsOf(text)).toEqual([
      {
        path: 'fit.criteria[1].id',
        message: 'duplicate id "vp" (first used at fit.criteria[0])',
        line: 5,
      },
      {
        path: 'engagement.rules[0].id',
        message: 'duplicate id "vp" (first used at fit.criteria[0])',
        line: 8,
      },
    ]);
  });

  it('duplicate segment ids', () => {
    const text =
      'name: t\nsegments:\n  - { id: a, min: 5, stage: mofu }\n  - { id: a, stage: tofu }\n';
    expect(problemsOf(text)).toEqual([
      { path: 'segments[1].id', message: 'duplicate segment id "a"', line: 4 },
    ]);
  });

  it('a leaf with two operators, or none', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - id: big',
      '      when: { all: [ { field: employees, gte: 200, lt: 1000 } ] }',
      '      points: 1',
      '    - { id: none, when: { field: employees }, points: 1 }',
    );
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({
      path: 'fit.criteria[0].when.all[0]',
      message: 'expected exactly one operator, got gte and lt',
      line: 5,
    });
    expect(problems[1]?.path).toBe('fit.criteria[1].when');
    expect(problems[1]?.message).toMatch(
      /^expected exactly one operator \(eq, neq, .*\), got none$/,
    );
  });

  it('an invalid regular expression', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - id: senior',
      '      when: { field: title, matches: "(vp|director" }',
      '      points: 1',
    );
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem?.path).toBe('fit.criteria[0].when.matches');
    expect(problem?.line).toBe(5);
    expect(problem?.message).toMatch(/^not a valid regular expression: /);
  });

  it('a condition that is not a mapping', () => {
    const text = withLines('fit:', '  criteria:', '    - { id: c, when: 5, points: 1 }');
    expect(problemsOf(text)).toEqual([
      {
        path: 'fit.criteria[0].when',
        message: 'expected a mapping of keys to values, got 5',
        line: 4,
      },
    ]);
  });

  it('between with low above high, and a wrong operand type', () => {
    const text = withLines(
      'fit:',
      '  criteria:',
      '    - { id: a, when: { field: n, between: [10, 1] }, points: 1 }',
      '    - { id: b, when: { field: n, gt: ten }, points: 1 }',
    );
    expect(problemsOf(text)).toEqual([
      {
        path: 'fit.criteria[0].when.between',
        message: 'expected [low, high] with low <= high, got [10, 1]',
        line: 4,
      },
      { path: 'fit.criteria[1].when.gt', message: 'expected a number, got "ten"', line: 5 },
    ]);
  });

  it('the last grade with a min', () => {
    const text = withLines(
      'fit:',
      '  grades:',
      '    - { grade: A, min: 10 }',
      '    - { grade: B, min: 0 }',
    );
    expect(problemsOf(text)).toEqual([
      {
        path: 'fit.grades[1].min',
        message: 'the last grade must have no min: it is the grade of every lead below the others',
        line: 5,
      },
    ]);
  });

  it('the last segment with a bound', () => {
    const text =
      'name: t\nsegments:\n  - { id: hot, min: 50, stage: bofu }\n  - { id: rest, above: 0, stage: tofu }\n';
    expect(problemsOf(text)).toEqual([
      {
        path: 'segments[1]',
        message:
          'the last segment must have no min, above or minGrade: it holds every lead the others do not',
        line: 4,
      },
    ]);
  });

  it('a segment with both min and above', () => {
    const text =
      'name: t\nsegments:\n  - { id: hot, min: 50, above: 40, stage: bofu }\n  - { id: rest, stage: tofu }\n';
    expect(problemsOf(text)).toEqual([
      {
        path: 'segments[0]',
        message: 'give either min (score >= min) or above (score > above), not both',
        line: 3,
      },
    ]);
  });

  it('minGrade naming an unknown grade, or with no grades at all', () => {
    const graded = [
      'name: t',
      'fit:',
      '  grades: [ { grade: A, min: 10 }, { grade: B } ]',
      'segments:',
      '  - { id: hot, min: 50, minGrade: C, stage: bofu }',
      '  - { id: rest, stage: tofu }',
    ].join('\n');
    expect(problemsOf(graded)).toEqual([
      { path: 'segments[0].minGrade', message: 'unknown grade "C" (grades: A, B)', line: 5 },
    ]);
    const ungraded =
      'name: t\nsegments:\n  - { id: hot, minGrade: A, stage: bofu }\n  - { id: rest, stage: tofu }\n';
    expect(problemsOf(ungraded)).toEqual([
      {
        path: 'segments[0].minGrade',
        message: 'grade "A" is not defined: the model has no fit.grades',
        line: 3,
      },
    ]);
  });

  it('qualifies naming an unknown segment', () => {
    const text = withLines(
      'engagement:',
      '  rules:',
      '    - { id: demo, event: Demo, points: 30, qualifies: mql }',
    );
    expect(problemsOf(text)).toEqual([
      {
        path: 'engagement.rules[0].qualifies',
        message: 'unknown segment "mql" (segments: all)',
        line: 4,
      },
    ]);
  });

  it('a stage that is not tofu, mofu or bofu; non-positive cap and half-life', () => {
    const text = [
      'name: t',
      'engagement:',
      '  halfLifeDays: 0',
      '  rules:',
      '    - { id: open, event: E, points: 1, cap: { points: -5 } }',
      'segments:',
      '  - { id: all, stage: middle }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { path: 'engagement.halfLifeDays', message: 'expected a number > 0, got 0', line: 3 },
      { path: 'engagement.rules[0].cap.points', message: 'expected a number > 0, got -5', line: 5 },
      {
        path: 'segments[0].stage',
        message: 'expected one of "tofu", "mofu", "bofu", got "middle"',
        line: 7,
      },
    ]);
  });

  it('YAML syntax errors and duplicate keys carry a line', () => {
    const problems = problemsOf('name: t\nname: u\nsegments:\n  - { id: all, stage: tofu }\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('');
    expect(problems[0]?.line).toBe(2);
  });

  it('an empty file is not a model', () => {
    expect(problemsOf('')).toEqual([
      { path: '', message: 'expected a mapping of keys to values, got null' },
    ]);
  });
});

describe('every problem is reported, not just the first', () => {
  it('type errors and cross-field errors together', () => {
    const text = [
      'name: t',
      'fit:',
      '  criteria:',
      '    - { id: a, when: { field: x, eq: 1 }, points: 1 }',
      '    - { id: a, when: { field: x, eq: 1 }, points: lots }',
      'engagement:',
      '  rules:',
      '    - { id: r, event: E, points: five, qualifies: nowhere }',
      '    - { id: s, event: "", points: 1, colour: red }',
      'segments:',
      '  - { id: hot, min: 5, stage: bofu }',
      '  - { id: cold, above: 1, stage: tofu }',
    ].join('\n');
    const found = problemsOf(text).map((p) => `${p.path}@${p.line ?? '?'}`);
    expect(found.sort()).toEqual(
      [
        'fit.criteria[1].points@5',
        'fit.criteria[1].id@5',
        'engagement.rules[0].points@8',
        'engagement.rules[0].qualifies@8',
        'engagement.rules[1].event@9',
        'engagement.rules[1].colour@9',
        'segments[1]@12',
      ].sort(),
    );
  });
});

describe('JSON models', () => {
  const json = JSON.stringify(
    {
      name: 'j',
      engagement: { rules: [{ id: 'open', event: 'Email Opened', points: 2 }] },
      segments: [{ id: 'all', stage: 'tofu' }],
    },
    null,
    2,
  );

  it('load like YAML, with defaults filled in', () => {
    const model = parseModel(json, 'model.json');
    expect(model.engagement.rules[0]?.points).toBe(2);
    expect(model.fit).toEqual({ criteria: [] });
  });

  it('report problems with their line', () => {
    const bad = json.replace('"points": 2', '"points": "five"');
    expect(problemsOf(bad)).toEqual([
      { path: 'engagement.rules[0].points', message: 'expected a number, got "five"', line: 8 },
    ]);
  });

  it('validateModel checks an already-parsed value, without lines', () => {
    let problems: ModelProblem[] = [];
    try {
      validateModel({ name: 'x', segments: [], extra: 1 });
    } catch (error) {
      if (error instanceof ModelError) problems = error.problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'unknown key "extra"' },
        { path: 'segments', message: 'expected at least 1 entry' },
      ]),
    );
  });
});

describe('text that is not YAML', () => {
  it('is one problem, the first by position, as file:line:column', () => {
    const text = 'name: t\nsegments:\n  - id: all\n     stage: tofu\n  bad: [1, 2\n';
    try {
      parseModel(text, 'broken.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelSyntaxError);
      const e = error as ModelSyntaxError;
      expect(e.code).toBe('invalid_model');
      expect(e.message).toBe(
        'broken.yaml:3:9: nested mappings are not allowed in compact mappings',
      );
      expect(e.problems).toEqual([
        {
          path: '',
          message: 'nested mappings are not allowed in compact mappings',
          line: 3,
          column: 9,
        },
      ]);
    }
  });

  it('in a JSON model too', () => {
    expect(() => parseModel('{"name": "t",\n "segments": [}\n', 'm.json')).toThrow(
      /^m\.json:2:15: /,
    );
  });
});
