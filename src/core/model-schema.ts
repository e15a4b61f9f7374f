// The scoring model file: fit criteria, grades, engagement rules, segments (zod, strict).
import { z } from 'zod';
import { conditionSchema } from './condition-schema.js';
import { isRecord } from './fields.js';
import { formatPath } from './model-errors.js';

/**
 * Characters of an id or an owner: segment ids (in round-robin keys) and owners are parts of
 * database keys, which PostgreSQL holds to 2,704 bytes; a longer one would fail every call
 * that routes a lead, so the model is refused instead.
 */
export const MAX_MODEL_NAME_CHARS = 200;

const id = z
  .string()
  .min(1)
  .max(MAX_MODEL_NAME_CHARS)
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
  halfLifeDays: positive.optional().describe('Overrides the engagement half-life for this rule'),
  qualifies: id.optional().describe('Segment id this event fast-tracks the lead to'),
});

const owner = z
  .string()
  .min(1)
  .max(MAX_MODEL_NAME_CHARS)
  .describe('A sales rep (an email address or a CRM user id)');
const once = z
  .boolean()
  .optional()
  .describe('Fire at most once per lead, however often it enters the segment again');

const channelName = z
  .string()
  .min(1)
  .describe("The channel's name (channels are set up in the workspace)");

/** What happens when a lead enters a segment. */
export const actionSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('assign'),
      owners: z.array(owner).min(1).optional().describe('Round robin over these reps'),
      byField: z
        .string()
        .min(1)
        .optional()
        .describe('Lead field whose value picks the rep from `map` (e.g. country)'),
      map: z.record(z.string(), owner).optional().describe('Field value -> rep'),
      default: owner.optional().describe('Rep for a value `map` does not list'),
      once,
    })
    .describe('Give the lead an owner'),
  z
    .strictObject({ type: z.literal('tag'), tag: z.string().min(1), once })
    .describe('Add a tag to the lead'),
  z
    .strictObject({
      type: z.literal('notify'),
      message: z.string().optional().describe('Carried in the webhook payload'),
      once,
    })
    .describe('Send a lead.segment_entered webhook notification'),
  z
    .strictObject({
      type: z.literal('email'),
      channel: channelName,
      to: z
        .union([
          z.literal('owner').describe("The lead's owner (an assign action before it counts)"),
          z.array(z.email({ error: 'expected an e-mail address' })).min(1),
        ])
        .describe('"owner", or a list of addresses'),
      subject: z.string().min(1).optional().describe('A Handlebars template; a default otherwise'),
      template: z
        .string()
        .min(1)
        .optional()
        .describe('The HTML body as a Handlebars template with `lead` as its data'),
      once,
    })
    .describe("E-mail the lead's card through an e-mail channel"),
  z
    .strictObject({
      type: z.literal('slack'),
      channel: channelName,
      text: z
        .string()
        .min(1)
        .optional()
        .describe('A Handlebars template (Slack mrkdwn) shown above the card'),
      once,
    })
    .describe("Post the lead's card to a Slack channel"),
]);

export const segmentSchema = z.strictObject({
  id,
  description: z.string().optional(),
  min: z.number().optional().describe('Score >= min'),
  above: z.number().optional().describe('Score > above'),
  minGrade: z.string().min(1).optional().describe('Lowest fit grade admitted'),
  stage: z.enum(STAGES),
  qualified: z
    .boolean()
    .optional()
    .describe('A lead entering this segment is qualified for sales (webhook lead.qualified)'),
  actions: z
    .array(actionSchema)
    .optional()
    .describe('Run when a lead enters the segment: every group should have one'),
});

/**
 * Account (company) scoring: a company's score is its contacts' scores taken together plus its
 * own fit, with its own grades and segments. Criteria read the company's traits (`employees`).
 */
export const accountsSchema = z.strictObject({
  aggregate: z
    .enum(['sum', 'max', 'average'])
    .describe("How the contacts' scores (as of now) make the account's engagement"),
  fit: z
    .strictObject({
      criteria: z.array(criterionSchema).default([]),
      grades: z.array(gradeSchema).min(1).optional(),
    })
    .default({ criteria: [] }),
  segments: z.array(segmentSchema).min(1),
});

/** Which ingested event is a purchase: each one records a converted outcome with its value. */
export const conversionsSchema = z.strictObject({
  event: z
    .string()
    .min(1)
    .describe('Event name, matched ignoring case and surrounding spaces (e.g. Order Completed)'),
  valueField: z
    .string()
    .min(1)
    .optional()
    .describe('Event field holding the amount; defaults to properties.revenue'),
  currencyField: z
    .string()
    .min(1)
    .optional()
    .describe('Event field holding the currency code; defaults to properties.currency'),
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
    accounts: accountsSchema.optional(),
    conversions: conversionsSchema
      .optional()
      .describe('The event that tells of a purchase, for the sales loop'),
  })
  // Runs even when other parts failed, so one load reports every problem.
  .superRefine(checkReferences, { when: () => true })
  .superRefine(checkAccounts, { when: () => true });

export type Model = z.infer<typeof modelSchema>;
export type ModelInput = z.input<typeof modelSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type Accounts = z.infer<typeof accountsSchema>;
export type SegmentAction = z.infer<typeof actionSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type Stage = (typeof STAGES)[number];

/** The entries of a list that are mappings, with their indexes (the list may be partly invalid). */
function entries(list: unknown): [number, Record<string, unknown>][] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, i): [number, Record<string, unknown>][] =>
    isRecord(item) ? [[i, item]] : [],
  );
}

/** The text values of `key` in a list; undefined when an entry lacks one (then skip the check). */
function namesOf(list: unknown, key: string): Set<string> | undefined {
  if (list === undefined) return new Set();
  if (!Array.isArray(list)) return undefined;
  const names = new Set<string>();
  for (const item of list as unknown[]) {
    const name = isRecord(item) ? item[key] : undefined;
    if (typeof name !== 'string') return undefined;
    names.add(name);
  }
  return names;
}

/**
 * Cross-field rules: unique ids, references that resolve, catch-all last entries. It also runs
 * when other parts of the model are invalid (so every problem is reported at once), hence it
 * reads the value defensively.
 */
function checkReferences(model: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(model)) return;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const fit = isRecord(model.fit) ? model.fit : {};
  const engagement = isRecord(model.engagement) ? model.engagement : {};

  const ruleIds = new Map<string, (string | number)[]>();
  const claim = (item: Record<string, unknown>, path: (string | number)[]) => {
    if (typeof item.id !== 'string') return;
    const first = ruleIds.get(item.id);
    if (!first) ruleIds.set(item.id, path);
    else issue([...path, 'id'], `duplicate id "${item.id}" (first used at ${formatPath(first)})`);
  };
  for (const [i, c] of entries(fit.criteria)) claim(c, ['fit', 'criteria', i]);
  for (const [i, r] of entries(engagement.rules)) claim(r, ['engagement', 'rules', i]);

  const seenGrades = new Set<string>();
  for (const [i, g] of entries(fit.grades)) {
    if (typeof g.grade !== 'string') continue;
    if (seenGrades.has(g.grade)) {
      issue(['fit', 'grades', i, 'grade'], `duplicate grade "${g.grade}"`);
    }
    seenGrades.add(g.grade);
  }
  const grades = Array.isArray(fit.grades) ? (fit.grades as unknown[]) : [];
  const lastGrade = grades.at(-1);
  if (isRecord(lastGrade) && lastGrade.min !== undefined) {
    issue(
      ['fit', 'grades', grades.length - 1, 'min'],
      'the last grade must have no min: it is the grade of every lead below the others',
    );
  }

  const gradeNames = namesOf(fit.grades, 'grade');
  const seenSegments = new Set<string>();
  for (const [i, s] of entries(model.segments)) {
    if (typeof s.id === 'string') {
      if (seenSegments.has(s.id)) issue(['segments', i, 'id'], `duplicate segment id "${s.id}"`);
      seenSegments.add(s.id);
    }
    if (s.min !== undefined && s.above !== undefined) {
      issue(['segments', i], 'give either min (score >= min) or above (score > above), not both');
    }
    for (const [j, a] of entries(s.actions)) {
      if (a.type !== 'assign') continue;
      const path = ['segments', i, 'actions', j];
      if ((a.owners === undefined) === (a.byField === undefined)) {
        issue(path, 'an assign action needs either owners (round robin) or byField with map');
      } else if (a.byField !== undefined && a.map === undefined) {
        issue([...path, 'map'], 'byField needs a map of field values to owners');
      } else if (a.owners !== undefined && (a.map !== undefined || a.default !== undefined)) {
        issue(path, 'map and default go with byField, not with owners');
      }
    }
    if (typeof s.minGrade === 'string' && gradeNames && !gradeNames.has(s.minGrade)) {
      issue(
        ['segments', i, 'minGrade'],
        gradeNames.size === 0
          ? `grade "${s.minGrade}" is not defined: the model has no fit.grades`
          : `unknown grade "${s.minGrade}" (grades: ${[...gradeNames].join(', ')})`,
      );
    }
  }
  const segments = Array.isArray(model.segments) ? (model.segments as unknown[]) : [];
  const last = segments.at(-1);
  if (
    isRecord(last) &&
    (last.min !== undefined || last.above !== undefined || last.minGrade !== undefined)
  ) {
    issue(
      ['segments', segments.length - 1],
      'the last segment must have no min, above or minGrade: it holds every lead the others do not',
    );
  }

  const segmentIds = namesOf(model.segments, 'id');
  for (const [i, r] of entries(engagement.rules)) {
    if (typeof r.qualifies === 'string' && segmentIds && !segmentIds.has(r.qualifies)) {
      issue(
        ['engagement', 'rules', i, 'qualifies'],
        `unknown segment "${r.qualifies}" (segments: ${[...segmentIds].join(', ')})`,
      );
    }
  }
}

/** The account part follows the rules of the lead part: ids, grades, a catch-all last segment. */
function checkAccounts(model: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(model) || !isRecord(model.accounts)) return;
  const { fit, segments } = model.accounts;
  const nested = {
    addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) =>
      ctx.addIssue({ ...issue, path: ['accounts', ...issue.path] }),
  };
  checkReferences({ fit: fit ?? {}, segments }, nested as unknown as z.RefinementCtx);
}
