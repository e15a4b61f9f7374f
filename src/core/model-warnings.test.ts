// Warnings for legal but suspicious models: each case, its path, and none on the examples.
import { readFile, readdir } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeRank, segmentFor } from './classify.js';
import { compileModel } from './compile-model.js';
import { modelSchema } from './model-schema.js';
import { modelWarnings } from './model-warnings.js';
import { parseModel, parseModelWithLines } from './parse-model.js';

const modelsDir = new URL('../../examples/models/', import.meta.url);

/** The warning paths of a model given as YAML. */
function pathsOf(yaml: string): string[] {
  return modelWarnings(parseModel(yaml)).map((w) => w.path);
}

const SEGMENTS = `
segments:
  - { id: hot, min: 0, stage: mofu }
  - { id: cold, stage: tofu }
`;

describe('modelWarnings', () => {
  it('finds nothing in the example models', async () => {
    const files = (await readdir(modelsDir)).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['b2b.yaml', 'seed.yaml']));
    for (const file of files) {
      const model = parseModel(await readFile(new URL(file, modelsDir), 'utf8'), file);
      expect({ file, warnings: modelWarnings(model) }).toEqual({ file, warnings: [] });
    }
  });

  it('finds nothing in a plain model', () => {
    expect(pathsOf(`name: m\n${SEGMENTS}`)).toEqual([]);
  });

  describe('grades', () => {
    const withGrades = (grades: string) =>
      pathsOf(`name: m\nfit:\n  grades:\n${grades}${SEGMENTS}`);

    it('warns when a min is not below every earlier min', () => {
      const grades =
        '    - { grade: A, min: 10 }\n    - { grade: B, min: 20 }\n    - { grade: C }\n';
      expect(withGrades(grades)).toEqual(['fit.grades[1].min']);
      const equal =
        '    - { grade: A, min: 10 }\n    - { grade: B, min: 10 }\n    - { grade: C }\n';
      expect(withGrades(equal)).toEqual(['fit.grades[1].min']);
    });

    it('warns once for a grade without min that is not last', () => {
      const grades =
        '    - { grade: A, min: 10 }\n    - { grade: B }\n    - { grade: C, min: 5 }\n    - { grade: D }\n';
      expect(withGrades(grades)).toEqual(['fit.grades[1]']);
    });

    it('accepts strictly descending mins, negative ones too', () => {
      const grades =
        '    - { grade: A, min: 10 }\n    - { grade: B, min: -5 }\n    - { grade: C }\n';
      expect(withGrades(grades)).toEqual([]);
    });
  });

  describe('segments', () => {
    const GRADES =
      'fit:\n  grades: [ { grade: A, min: 10 }, { grade: B, min: 0 }, { grade: C } ]\n';
    const UNCAPPED = 'engagement:\n  rules: [ { id: r, event: E, points: 1 } ]\n';
    const withSegments = (segments: string, extra = UNCAPPED) =>
      pathsOf(`name: m\n${GRADES}${extra}segments:\n${segments}    - { id: rest, stage: tofu }\n`);

    it('warns for a segment shadowed by an earlier one with a weaker bound', () => {
      const s = '    - { id: a, above: 20, stage: mofu }\n    - { id: b, min: 80, stage: bofu }\n';
      expect(withSegments(s)).toEqual(['segments[1]']);
      const same = '    - { id: a, min: 20, stage: mofu }\n    - { id: b, min: 20, stage: bofu }\n';
      expect(withSegments(same)).toEqual(['segments[1]']);
      const openClosed =
        '    - { id: a, min: 20, stage: mofu }\n    - { id: b, above: 20, stage: bofu }\n';
      expect(withSegments(openClosed)).toEqual(['segments[1]']);
    });

    it('does not call shadowed what a stricter bound before admits', () => {
      const s = '    - { id: a, above: 20, stage: mofu }\n    - { id: b, min: 20, stage: tofu }\n';
      expect(withSegments(s)).toEqual([]);
    });

    it('compares grade restrictions: a stricter earlier grade does not shadow', () => {
      const s =
        '    - { id: a, min: 10, minGrade: A, stage: bofu }\n    - { id: b, min: 10, minGrade: B, stage: mofu }\n';
      expect(withSegments(s)).toEqual([]);
      const looser =
        '    - { id: a, min: 10, minGrade: B, stage: bofu }\n    - { id: b, min: 50, minGrade: A, stage: mofu }\n';
      expect(withSegments(looser)).toEqual(['segments[1]']);
      // minGrade of the last grade admits every grade
      const lastGrade =
        '    - { id: a, min: 10, minGrade: C, stage: bofu }\n    - { id: b, min: 50, stage: mofu }\n';
      expect(withSegments(lastGrade)).toEqual(['segments[1]']);
    });

    it('warns when a bound is above an earlier one that only refuses by grade', () => {
      const s =
        '    - { id: a, min: 10, minGrade: A, stage: bofu }\n    - { id: b, min: 50, stage: mofu }\n';
      expect(withSegments(s)).toEqual(['segments[1].min']);
    });

    it('warns once for a catch-all that is not last', () => {
      const s = '    - { id: a, stage: bofu }\n    - { id: b, min: 50, stage: mofu }\n';
      expect(withSegments(s)).toEqual(['segments[0]']);
    });

    it('keeps quiet about a shadowed segment a rule fast-tracks to', () => {
      const s = '    - { id: a, above: 20, stage: mofu }\n    - { id: b, min: 80, stage: bofu }\n';
      const rules = 'engagement:\n  rules: [ { id: r, event: E, points: 1, qualifies: b } ]\n';
      expect(withSegments(s)).toEqual(['segments[1]']);
      expect(withSegments(s, rules)).toEqual([]);
    });

    it('warns for a bound above the highest score when every positive rule has a lifetime cap', () => {
      const model = (bound: string, cap = '{ points: 10 }') => `
name: m
fit:
  criteria:
    - { id: c1, when: { field: a, exists: true }, points: 15 }
    - { id: c2, when: { field: b, exists: true }, points: -5 }
engagement:
  rules:
    - { id: r1, event: E, points: 5, cap: ${cap} }
    - { id: r2, event: F, points: -30 }
segments:
  - { id: top, ${bound}, stage: bofu }
  - { id: rest, stage: tofu }
`;
      expect(pathsOf(model('min: 26'))).toEqual(['segments[0].min']);
      expect(pathsOf(model('min: 25'))).toEqual([]);
      expect(pathsOf(model('above: 25'))).toEqual(['segments[0].above']);
      expect(pathsOf(model('above: 24.5'))).toEqual([]);
      expect(pathsOf(model('min: 26', '{ points: 10, days: 30 }'))).toEqual([]);
    });
  });

  describe('rules and criteria', () => {
    const withRules = (rules: string) =>
      pathsOf(`name: m\nengagement:\n  rules:\n${rules}${SEGMENTS}`);

    it('warns for a cap below the rule points', () => {
      expect(withRules('    - { id: r, event: E, points: 5, cap: { points: 3 } }\n')).toEqual([
        'engagement.rules[0].cap.points',
      ]);
      expect(
        withRules('    - { id: r, event: E, points: -5, cap: { points: 3, days: 1 } }\n'),
      ).toEqual(['engagement.rules[0].cap.points']);
      expect(withRules('    - { id: r, event: E, points: 5, cap: { points: 5 } }\n')).toEqual([]);
    });

    it('warns for rules on the same event without where', () => {
      const rules = [
        '    - { id: a, event: Email Opened, points: 1 }',
        '    - { id: b, event: " email opened ", points: 2 }',
        '    - { id: c, event: Email Opened, where: { field: x, eq: 1 }, points: 2 }',
        '    - { id: d, event: Email Clicked, points: 2 }',
      ].join('\n');
      expect(withRules(`${rules}\n`)).toEqual(['engagement.rules[1]']);
    });

    it('warns for 0 points, unless the rule fast-tracks', () => {
      expect(withRules('    - { id: r, event: E, points: 0 }\n')).toEqual([
        'engagement.rules[0].points',
      ]);
      expect(withRules('    - { id: r, event: E, points: 0, qualifies: hot }\n')).toEqual([]);
      const criteria =
        'fit:\n  criteria: [ { id: c, when: { field: a, exists: true }, points: 0 } ]\n';
      expect(pathsOf(`name: m\n${criteria}${SEGMENTS}`)).toEqual(['fit.criteria[0].points']);
    });

    it('warns for a fast-track to a segment that admits every lead anyway', () => {
      expect(withRules('    - { id: r, event: E, points: 1, qualifies: cold }\n')).toEqual([
        'engagement.rules[0].qualifies',
      ]);
    });

    it('warns for conditions that can never hold, in criteria and rule where', () => {
      const model = `
name: m
fit:
  criteria:
    - id: c
      when: { all: [ { field: a, eq: x }, { field: a, eq: y } ] }
      points: 1
engagement:
  rules:
    - { id: r, event: E, points: 1, where: { any: [ { field: n, gt: 1 }, { all: [ { field: n, gt: 10 }, { field: n, lt: 5 } ] } ] } }
${SEGMENTS}`;
      expect(pathsOf(model)).toEqual(['fit.criteria[0].when', 'engagement.rules[0].where.any[1]']);
    });
  });

  it('is sound: no lead gets a grade or segment it calls unreachable (random models)', () => {
    const bound = fc.option(fc.integer({ min: -2, max: 4 }), { nil: undefined });
    const gradeNames = ['A', 'B', 'C'];
    const arbitraryModel = fc.record({
      grades: fc.array(bound, { minLength: 3, maxLength: 3 }),
      segments: fc.array(
        fc.record({
          bound,
          open: fc.boolean(),
          minGrade: fc.option(fc.constantFrom(...gradeNames), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      qualifies: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    });
    const grid = [-3, -2, -1.5, -1, 0, 0.5, 1, 2, 3, 3.5, 4, 5];
    let reported = 0;
    fc.assert(
      fc.property(arbitraryModel, (m) => {
        const segments = [
          ...m.segments.map((s, i) => ({
            id: `s${i}`,
            stage: 'mofu',
            minGrade: s.minGrade,
            [s.open ? 'above' : 'min']: s.bound,
          })),
          { id: 'rest', stage: 'tofu' },
        ];
        const target = segments[m.qualifies ?? -1]?.id;
        const parsed = modelSchema.safeParse({
          name: 'random',
          fit: {
            grades: [...m.grades.map((min, i) => ({ grade: gradeNames[i], min })), { grade: 'Z' }],
          },
          engagement: { rules: [{ id: 'r', event: 'E', points: 1, qualifies: target }] },
          segments,
        });
        if (!parsed.success) return;
        const compiled = compileModel(parsed.data);
        const givenGrades = new Set(grid.map((fit) => gradeRank(compiled, fit)));
        const fastTrack = compiled.rules[0]?.qualifies;
        const qualifiedSets = fastTrack === undefined ? [[]] : [[], [fastTrack]];
        const chosen = new Set<number>();
        for (const score of grid) {
          for (const grade of givenGrades) {
            for (const qualified of qualifiedSets) {
              chosen.add(segmentFor(compiled, score, grade, qualified).index);
            }
          }
        }
        for (const w of modelWarnings(parsed.data)) {
          const [, kind, index, field] = /^(\w+(?:\.\w+)?)\[(\d+)\](\.\w+)?$/.exec(w.path) ?? [];
          const i = Number(index);
          const after = (n: number) => Array.from({ length: n - i - 1 }, (_, k) => i + 1 + k);
          if (kind === 'fit.grades') {
            reported++;
            const never = field === '.min' ? [i] : after(compiled.grades.length);
            for (const rank of never) expect(givenGrades.has(rank)).toBe(false);
          } else if (kind === 'segments' && field === undefined) {
            reported++;
            const never = w.message.includes('never be chosen:') ? [i] : after(segments.length);
            for (const index of never) expect(chosen.has(index)).toBe(false);
          }
        }
      }),
      { numRuns: 2000 },
    );
    expect(reported).toBeGreaterThan(100);
  });

  it('places warnings on lines with parseModelWithLines', () => {
    const text = `name: m
engagement:
  rules:
    - id: r
      event: E
      points: 5
      cap: { points: 3 }
${SEGMENTS}`;
    const { model, lineOf } = parseModelWithLines(text, 'm.yaml');
    const [warning] = modelWarnings(model);
    expect(warning?.path).toBe('engagement.rules[0].cap.points');
    expect(lineOf(warning?.path ?? '')).toBe(7);
    expect(lineOf('segments[1]')).toBe(11);
    expect(lineOf('segments[9]')).toBeUndefined();
  });
});
