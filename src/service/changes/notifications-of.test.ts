// Which notifications a recorded change calls for.
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../core/compile-model.js';
import { parseModel } from '../../core/parse-model.js';
import type { HistoryEntry } from '../../store/port.js';
import { notificationsOf } from './notifications-of.js';

const compiled = compileModel(
  parseModel(`
name: n
fit:
  criteria: [{ id: vp, when: { field: title, eq: VP }, points: 10 }]
  grades: [{ grade: A, min: 10 }, { grade: B }]
segments:
  - { id: sales, min: 50, stage: bofu, qualified: true }
  - { id: mql, above: 20, stage: mofu, qualified: true }
  - { id: nurture, above: 5, stage: tofu }
  - { id: cold, stage: tofu }
`),
);

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  leadId: 'u1',
  at: 1000,
  cause: 'event',
  causeRef: 'm1',
  modelVersion: 3,
  score: 25,
  grade: 'B',
  segment: 'mql',
  stage: 'mofu',
  previous: { score: 10, grade: 'B', segment: 'nurture', stage: 'tofu' },
  ...fields,
});

const types = (e: HistoryEntry) => notificationsOf(compiled, e).map((n) => n.type);

describe('notificationsOf', () => {
  it('announces each thing that moved, and qualification when a qualified segment is entered', () => {
    const [segment, ...rest] = notificationsOf(compiled, entry({}));
    expect(segment).toEqual({
      type: 'lead.segment_changed',
      leadId: 'u1',
      at: 1000,
      data: {
        leadId: 'u1',
        score: 25,
        grade: 'B',
        segment: 'mql',
        stage: 'mofu',
        modelVersion: 3,
        cause: 'event',
        causeRef: 'm1',
        from: 'nurture',
        to: 'mql',
      },
    });
    expect(rest.map((n) => [n.type, n.data.from, n.data.to])).toEqual([
      ['lead.qualified', undefined, 'mql'],
      ['lead.stage_changed', 'tofu', 'mofu'],
    ]);
  });

  it('does not qualify a lead again when it moves between qualified segments', () => {
    const e = entry({
      segment: 'sales',
      stage: 'bofu',
      previous: { score: 25, grade: 'B', segment: 'mql', stage: 'mofu' },
    });
    expect(types(e)).toEqual(['lead.segment_changed', 'lead.stage_changed']);
  });

  it('announces a grade change alone, and nothing for a score-only change', () => {
    const graded = entry({
      grade: 'A',
      previous: { score: 24, grade: 'B', segment: 'mql', stage: 'mofu' },
    });
    expect(types(graded)).toEqual(['lead.grade_changed']);
    const scoreOnly = entry({ previous: { score: 24, grade: 'B', segment: 'mql', stage: 'mofu' } });
    expect(types(scoreOnly)).toEqual([]);
  });

  it('treats a first score as entering its segment and stage', () => {
    expect(types(entry({ previous: null }))).toEqual([
      'lead.segment_changed',
      'lead.qualified',
      'lead.stage_changed',
    ]);
  });
});
