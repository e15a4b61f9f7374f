// Account scores: contacts taken together as the model says, plus company fit, graded and
// segmented, every point explained; and the account part of the model validated like the rest.
import { describe, expect, it } from 'vitest';
import { compileAccounts, scoreAccount } from './account-score.js';
import { ModelError } from './model-errors.js';
import { parseModel } from './parse-model.js';

const modelText = (aggregate: string, extra = '') => `
name: acc
segments:
  - { id: all, stage: tofu }
accounts:
  aggregate: ${aggregate}
  fit:
    criteria:
      - { id: big, when: { field: employees, gte: 500 }, points: 30 }
      - { id: saas, category: industry, when: { field: industry, eq: saas }, points: 10 }
    grades: [{ grade: A, min: 30 }, { grade: B }]
  segments:
    - { id: target, min: 100, minGrade: A, stage: bofu }
    - { id: engaged, above: 40, stage: mofu }
    - { id: other, stage: tofu }
${extra}`;

const contacts = [
  { leadId: 'a', score: 50 },
  { leadId: 'b', score: 20 },
  { leadId: 'c', score: 50 },
];

const score = (aggregate: string, traits: Record<string, unknown>, list = contacts) => {
  const accounts = compileAccounts(parseModel(modelText(aggregate)));
  if (!accounts) throw new Error('no accounts');
  return scoreAccount(accounts, traits, list);
};

describe('scoreAccount', () => {
  it('sums the contacts and adds the company fit, graded and segmented', () => {
    const s = score('sum', { employees: 900, industry: 'saas' });
    expect(s).toMatchObject({
      score: 160,
      fit: 40,
      engagement: 120,
      grade: 'A',
      segment: 'target',
      stage: 'bofu',
      contacts: 3,
    });
    // Every point explained: the contributions add up to the score.
    expect(s.contributions.reduce((sum, c) => sum + c.points, 0)).toBe(160);
    expect(s.contributions.slice(0, 2)).toEqual([
      { kind: 'fit', id: 'big', category: 'fit', points: 30 },
      { kind: 'fit', id: 'saas', category: 'industry', points: 10 },
    ]);
  });

  it('takes the best contact for max (the first of equals) and the mean for average', () => {
    const max = score('max', { employees: 10 });
    expect(max).toMatchObject({ score: 50, grade: 'B', segment: 'engaged' });
    expect(max.contributions.map((c) => c.points)).toEqual([50, 0, 0]);
    const average = score('average', { employees: 10 });
    expect(average.engagement).toBeCloseTo(40, 12);
    expect(average.segment).toBe('other');
  });

  it('scores an account without contacts by its fit alone', () => {
    expect(score('average', { employees: 600 }, [])).toMatchObject({
      score: 30,
      engagement: 0,
      contacts: 0,
      segment: 'other',
    });
  });

  it('leaves models without accounts as they were', () => {
    expect(compileAccounts(parseModel('name: x\nsegments: [{ id: all, stage: tofu }]\n'))).toBe(
      undefined,
    );
  });

  it('checks the account part like the lead part, with paths and lines', () => {
    const text = modelText('median').replace(
      '    - { id: other, stage: tofu }',
      '    - { id: other, min: 0, stage: tofu }',
    );
    try {
      parseModel(text, 'acc.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).problems).toEqual([
        expect.objectContaining({ path: 'accounts.aggregate', line: 6 }),
        expect.objectContaining({
          path: 'accounts.segments[2]',
          message:
            'the last segment must have no min, above or minGrade: it holds every lead the others do not',
          line: 15,
        }),
      ]);
    }
  });
});
