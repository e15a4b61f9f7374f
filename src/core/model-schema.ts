// The scoring model file: fit criteria, grades, engagement rules, segments (zod, strict).
import { z } from 'zod';
import { conditionSchema } from './condition-schema.js';

const id = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected letters, digits, "_", "-" or "." (no spaces)');
const points = z.number().describe('Points awarded; negative points subtract');
const positive = z.number().positive();
const category = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected letters, digits, "_" or "-"');

export const STAGES = ['tofu', 'mofu', 'bofu'] as const;

export const criterionSchema = z.strictObject({
  id,
  description: z.string().optional(),
  category: category.optional().describe('Sub-score label; defaults to "fit"'),
  when: conditionSchema,
  points,
});

export const gradeSchema = z.strictObject({
  grade: z.string().min(1),
  min: z.number().optional().describe('Lowest fit that earns this grade; the last grade has none'),
});

export const capSchema = z.strictObject({
  points: positive.describe('Most points (absolute) the rule awards within the window'),
  days: positive.optional().describe('Sliding window length; without it the cap is lifetime'),
});

export const ruleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  category: category.optional().describe('Sub-score label; defaults to "engagement"'),
  event: z.string().min(1).describe('Event name, matched ignoring case and surrounding spaces'),
  where: conditionSchema.optional().describe('Condition on the event, e.g. properties.type'),
  points,
  cap: capSchema.optional(),
  halfLifeDays: positive.optional().describe("Overrides the engagement half-life for this rule"),
  qualifies: id.optional().describe('Segment id this event fast-tracks the lead to'),
});

export const segmentSchema = z.strictObject({
  id,
  description: z.string().optional(),
  min: z.number().optional().describe('Score >= min'),
  above: z.number().optional().describe('Score > above'),
  minGrade: z.string().min(1).optional().describe('Lowest fit grade admitted'),
  stage: z.enum(STAGES),
});

export const modelSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    fit: z
      .strictObject({
        criteria: z.array(criterionSchema).default([]),
        grades: z.array(gradeSchema).min(1).optional(),
      })
      .default({ criteria: [] }),
    engagement: z
      .strictObject({
        halfLifeDays: positive.optional().describe('Behavioural points halve every this many days'),
        rules: z.array(ruleSchema).default([]),
      })
      .default({ rules: [] }),
    segments: z.array(segmentSchema).min(1),
  })
  .superRefine(checkReferences);

export type Model = z.infer<typeof modelSchema>;
export type ModelInput = z.input<typeof modelSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type Stage = (typeof STAGES)[number];

type RefinementContext = z.RefinementCtx;
type ParsedModel = {
  fit: { criteria: { id: string }[]; grades?: Grade[] | undefined };
  engagement: { rules: { id: string; qualifies?: string | undefined }[] };
  segments: Segment[];
};

/** Cross-field rules: unique ids, references that resolve, catch-all last entries. */
function checkReferences(model: ParsedModel, ctx: RefinementContext): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  const ruleIds = new Map<string, (string | number)[]>();
  const claim = (ruleId: string, path: (string | number)[]) => {
    const first = ruleIds.get(ruleId);
    if (first) issue([...path, 'id'], `duplicate id "${ruleId}" (first used at ${first.join('.')})`);
    else ruleIds.set(ruleId, path);
  };
  model.fit.criteria.forEach((c, i) => claim(c.id, ['fit', 'criteria', i]));
  model.engagement.rules.forEach((r, i) => claim(r.id, ['engagement', 'rules', i]));

  const grades = model.fit.grades ?? [];
  const gradeNames = new Set<string>();
  grades.forEach((g, i) => {
    if (gradeNames.has(g.grade)) issue(['fit', 'grades', i, 'grade'], `duplicate grade "${g.grade}"`);
    gradeNames.add(g.grade);
  });
  const lastGrade = grades.at(-1);
  if (lastGrade?.min !== undefined) {
    issue(
      ['fit', 'grades', grades.length - 1, 'min'],
      'the last grade must have no min: it is the grade of every lead below the others',
    );
  }

  const segmentIds = new Set<string>();
  model.segments.forEach((s, i) => {
    if (segmentIds.has(s.id)) issue(['segments', i, 'id'], `duplicate segment id "${s.id}"`);
    segmentIds.add(s.id);
    if (s.min !== undefined && s.above !== undefined) {
      issue(['segments', i], 'give either min (score >= min) or above (score > above), not both');
    }
    if (s.minGrade !== undefined && !gradeNames.has(s.minGrade)) {
      issue(
        ['segments', i, 'minGrade'],
        gradeNames.size === 0
          ? `grade "${s.minGrade}" is not defined: the model has no fit.grades`
          : `unknown grade "${s.minGrade}" (grades: ${[...gradeNames].join(', ')})`,
      );
    }
  });
  const lastIndex = model.segments.length - 1;
  const last = model.segments[lastIndex];
  if (last && (last.min !== undefined || last.above !== undefined || last.minGrade !== undefined)) {
    issue(
      ['segments', lastIndex],
      'the last segment must have no min, above or minGrade: it holds every lead the others do not',
    );
  }

  model.engagement.rules.forEach((r, i) => {
    if (r.qualifies !== undefined && !segmentIds.has(r.qualifies)) {
      issue(
        ['engagement', 'rules', i, 'qualifies'],
        `unknown segment "${r.qualifies}" (segments: ${[...segmentIds].join(', ')})`,
      );
    }
  });
}
