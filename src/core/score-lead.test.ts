// Unit tests of replay scoring: worked examples computed by hand (caps, decay, grades, segments).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile-model.js';
import type { ScoringEvent } from './event.js';
import type { LeadScore } from './lead-score.js';
import { parseModel } from './parse-model.js';
import { scoreLead } from './score-lead.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');
const at = (days: number) => T0 + days * DAY;

const compile = (text: string) => compileModel(parseModel(text));
const example = (file: string) =>
  compile(readFileSync(join(import.meta.dirname, '../../examples/models', file), 'utf8'));

function ev(event: string, days: number, extra: Partial<ScoringEvent> = {}): ScoringEvent {
  return { event, time: at(days), ...extra };
}

const repeat = (n: number, name: string) => Array.from({ length: n }, () => name);
/** The event `n` times at day 0. */
const times = (n: number, event: string) => repeat(n, event).map((name) => ev(name, 0));

/** The after-cap awards of the rules, in order (a capped-out negative award may be -0: read 0). */
const ruleAwards = (result: LeadScore) =>
  (result.contributions ?? [])
    .filter((c) => c.kind === 'rule')
    .map((c) => (c.afterCap === 0 ? 0 : c.afterCap));

describe('the seed model of the product brief', () => {
  const seed = example('seed.yaml');
  const score = (events: ScoringEvent[]) => scoreLead(seed, { id: 'l1' }, events, at(1));

  it('an opened email, a white paper and a webinar registration make 15: nurture', () => {
    const events = [ev('Email Opened', 0), ev('Asset Downloaded', 0), ev('Webinar Registered', 0)];
    expect(score(events)).toEqual({
      score: 15,
      fit: 0,
      engagement: 15,
      grade: null,
      segment: 'nurture',
      stage: 'tofu',
      categories: { engagement: 15 },
    });
  });

  it.each([
    [[], 0, 'no-interest'],
    [['Asset Downloaded'], 5, 'no-interest'],
    [['Email Opened', 'Email Opened', 'Email Opened'], 6, 'nurture'],
    [['Webinar Registered', 'Webinar Registered', 'Email Opened', 'Email Opened'], 20, 'nurture'],
    [['Webinar Registered', 'Webinar Registered', 'Asset Downloaded'], 21, 'sales'],
    [[...repeat(9, 'Webinar Registered'), 'Asset Downloaded', 'Email Opened'], 79, 'sales'],
    [repeat(8, 'Online Event Attended'), 80, 'ready-to-buy'],
  ])('%j scores %d: %s', (names, total, segment) => {
    const result = score(names.map((name) => ev(name, 0)));
    expect(result.score).toBe(total);
    expect(result.segment).toBe(segment);
  });

  it('ready-to-buy is the bofu stage, sales the mofu stage', () => {
    expect(score(times(10, 'Webinar Registered')).stage).toBe('bofu');
    expect(score(times(3, 'Webinar Registered')).stage).toBe('mofu');
  });
});

describe('events', () => {
  const seed = example('seed.yaml');

  it('after the as-of time are ignored; at the as-of time they count', () => {
    const events = [ev('Webinar Registered', 5), { event: 'Email Opened', time: at(5) + 1 }];
    expect(scoreLead(seed, {}, events, at(5)).score).toBe(8);
    expect(scoreLead(seed, {}, events, at(5) - 1).score).toBe(0);
  });

  it('the same messageId is one event: the first, in input order', () => {
    const events = [
      ev('Email Opened', 1, { messageId: 'm1' }),
      ev('Email Opened', 2, { messageId: 'm1' }),
      ev('Asset Downloaded', 3, { messageId: 'm2' }),
      ev('Asset Downloaded', 3, { messageId: 'm2' }),
      ev('Email Opened', 4),
      ev('Email Opened', 4),
    ];
    const result = scoreLead(seed, {}, events, at(10), { explain: true });
    expect(result.score).toBe(2 + 5 + 2 + 2);
    expect(result.contributions?.map((c) => [c.messageId, c.time])).toEqual([
      ['m1', at(1)],
      ['m2', at(3)],
      [undefined, at(4)],
      [undefined, at(4)],
    ]);
  });

  it('a retry does not revive an event whose first occurrence is after as-of', () => {
    const events = [
      ev('Email Opened', 9, { messageId: 'm1' }),
      ev('Email Opened', 1, { messageId: 'm1' }),
    ];
    expect(scoreLead(seed, {}, events, at(5)).score).toBe(0);
  });

  it('names match ignoring case and surrounding spaces, nothing else', () => {
    expect(scoreLead(seed, {}, [ev('  email OPENED ', 0)], at(0)).score).toBe(2);
    expect(scoreLead(seed, {}, [ev('Email  Opened', 0)], at(0)).score).toBe(0);
    expect(scoreLead(seed, {}, [ev('Email Opened.', 0)], at(0)).score).toBe(0);
  });

  it('one event can match several rules, each awarding its own points', () => {
    const b2b = example('b2b.yaml');
    const pricing = ev('Page Viewed', 0, { properties: { path: '/pricing/teams' } });
    const docs = ev('Page Viewed', 0, { properties: { path: '/docs' } });
    const result = scoreLead(b2b, {}, [pricing], at(0), { explain: true });
    expect(result.engagement).toBe(6 + 1);
    expect(result.categories.web).toBe(7);
    expect(result.contributions?.map((c) => c.id)).toEqual(['pricing-visit', 'web-visit']);
    expect(scoreLead(b2b, {}, [docs], at(0)).engagement).toBe(1);
  });
});

describe('caps', () => {
  const capped = (rule: string) =>
    compile(
      `name: caps\nengagement:\n  rules:\n    - ${rule}\nsegments: [ { id: all, stage: tofu } ]\n`,
    );

  it('a sliding window (t - days, t]: events in time order, whatever the input order', () => {
    const model = capped(
      '{ id: open, event: Email Opened, points: 2, cap: { points: 5, days: 10 } }',
    );
    const days = [0, 0, 1, 2, 10, 10.5, 11, 21];
    const events = days.map((d, i) => ev('Email Opened', d, { messageId: `e${i}` }));
    const shuffled = [5, 2, 7, 0, 3, 6, 1, 4].map((i) => events[i] as ScoringEvent);
    const result = scoreLead(model, {}, shuffled, at(30), { explain: true });
    // day 1: 4 used -> 1; day 2: cap full -> 0; day 10: day-0 awards left the window (0, 10] -> 2;
    // day 10.5: 1 + 0 + 2 used -> 2; day 11: day 1 is at the window's open end -> 4 used -> 1;
    // day 21: the window (11, 21] is empty -> 2.
    expect(ruleAwards(result)).toEqual([2, 2, 1, 0, 2, 2, 1, 2]);
    expect(result.contributions?.map((c) => c.messageId).join()).toBe('e0,e1,e2,e3,e4,e5,e6,e7');
    expect(result.score).toBe(12);
  });

  it('equal times are taken in input order', () => {
    const model = capped('{ id: open, event: Email Opened, points: 2, cap: { points: 3 } }');
    const late = ev('Email Opened', 5, { messageId: 'late' });
    const x = ev('Email Opened', 1, { messageId: 'x' });
    const y = ev('Email Opened', 1, { messageId: 'y' });
    const award = (events: ScoringEvent[]) =>
      scoreLead(model, {}, events, at(9), { explain: true })
        .contributions?.map((c) => `${c.messageId}:${c.afterCap}`)
        .join();
    expect(award([late, x, y])).toBe('x:2,y:1,late:0');
    expect(award([late, y, x])).toBe('y:2,x:1,late:0');
  });

  it('a lifetime cap never frees up', () => {
    const model = capped('{ id: open, event: Email Opened, points: 4, cap: { points: 10 } }');
    const events = [0, 100, 1000, 5000].map((d) => ev('Email Opened', d));
    const result = scoreLead(model, {}, events, at(5000), { explain: true });
    expect(ruleAwards(result)).toEqual([4, 4, 2, 0]);
    expect(result.score).toBe(10);
  });

  it('negative points: the cap bounds their size and keeps their sign', () => {
    const lifetime = capped('{ id: bounce, event: Bounced, points: -4, cap: { points: 10 } }');
    const four = [0, 1, 2, 3].map((d) => ev('Bounced', d));
    expect(ruleAwards(scoreLead(lifetime, {}, four, at(9), { explain: true }))).toEqual([
      -4, -4, -2, 0,
    ]);
    const windowed = capped(
      '{ id: bounce, event: Bounced, points: -4, cap: { points: 6, days: 7 } }',
    );
    const events = [0, 1, 7, 8].map((d) => ev('Bounced', d));
    const result = scoreLead(windowed, {}, events, at(9), { explain: true });
    // day 7: the day-0 award left (0, 7] -> 2 used -> -4; day 8: day 1 left (1, 8] -> 4 used -> -2.
    expect(ruleAwards(result)).toEqual([-4, -2, -4, -2]);
    expect(result.score).toBe(-12);
  });
});

describe('decay', () => {
  const model = compile(`
name: decay
fit:
  criteria: [ { id: any, when: { field: id, exists: true }, points: 10 } ]
engagement:
  halfLifeDays: 30
  rules:
    - { id: webinar, event: Webinar Registered, points: 8 }
    - { id: online, event: Online Event Attended, points: 10, halfLifeDays: 60 }
    - { id: open, event: Email Opened, points: 2, cap: { points: 3 }, halfLifeDays: 10 }
    - { id: unsub, event: Unsubscribed, points: -30 }
segments: [ { id: all, stage: tofu } ]
`);

  it('halves the awarded points every half-life; a rule may have its own half-life', () => {
    const events = [
      ev('Webinar Registered', 90), // 30 days old: 4
      ev('Webinar Registered', 60), // 60 days old: 2
      ev('Webinar Registered', 120), // new: 8
      ev('Online Event Attended', 60), // 60 days, own half-life 60: 5
      ev('Email Opened', 110), // cap first (2), then 10 days at half-life 10: 1
      ev('Email Opened', 120), // cap leaves 1, new: 1
      ev('Unsubscribed', 30), // 90 days: -30 / 8
    ];
    const result = scoreLead(model, { id: 'l' }, events, at(120), { explain: true });
    expect(result.fit).toBe(10);
    expect(result.engagement).toBeCloseTo(4 + 2 + 8 + 5 + 1 + 1 - 3.75, 12);
    expect(result.score).toBeCloseTo(27.25, 12);
    const open = result.contributions?.filter((c) => c.id === 'open');
    expect(open?.map((c) => [c.points, c.afterCap, c.afterDecay])).toEqual([
      [2, 2, 1],
      [2, 1, 1],
    ]);
  });

  it('is continuous between half-lives; fit does not decay', () => {
    const events = [ev('Webinar Registered', 0)];
    const halfway = scoreLead(model, { id: 'l' }, events, at(15));
    expect(halfway.engagement).toBeCloseTo(8 * Math.SQRT1_2, 12);
    expect(scoreLead(model, { id: 'l' }, events, at(3000)).score).toBeCloseTo(10, 12);
  });

  it('no half-life: no decay', () => {
    const seed = example('seed.yaml');
    expect(scoreLead(seed, {}, [ev('Webinar Registered', 0)], at(3650)).score).toBe(8);
  });
});

describe('grades, segments and the fast-track', () => {
  const model = compile(`
name: seg
fit:
  criteria:
    - { id: senior, category: demographic, when: { field: title, matches: "\\\\b(vp|director)\\\\b" }, points: 15 }
    - { id: big, category: firmographic, when: { field: company.employees, gte: 200 }, points: 15 }
    - { id: student, when: { field: title, contains: student }, points: -20 }
  grades:
    - { grade: A, min: 30 }
    - { grade: B, min: 15 }
    - { grade: C, min: 0 }
    - { grade: D }
engagement:
  rules:
    - { id: trial, event: Trial Started, points: 50 }
    - { id: webinar, event: Webinar Registered, points: 10 }
    - { id: visit, event: Page Viewed, points: 1 }
    - { id: demo, event: Demo Requested, points: 5, qualifies: mql }
    - { id: contact, event: Contact Sales, points: 0, qualifies: sales-ready }
segments:
  - { id: sales-ready, min: 80, minGrade: B, stage: bofu }
  - { id: mql, above: 40, stage: mofu }
  - { id: nurture, min: 20, stage: tofu }
  - { id: cold, stage: tofu }
`);
  const A = { title: 'VP Sales', company: { employees: 500 } };
  const B = { title: 'Director', company: { employees: 20 } };
  const C = { title: 'Engineer' };
  const D = { title: 'Student' };
  const events = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([name, n]) => times(n, name));
  const score = (lead: unknown, counts: Record<string, number>, asOf = at(0)) =>
    scoreLead(model, lead, events(counts), asOf);

  it('the grade is the first whose min the fit reaches; the last catches the rest', () => {
    const graded = [A, B, C, D].map((lead) => score(lead, {}));
    expect(graded.map((r) => `${r.fit} ${r.grade}`)).toEqual(['30 A', '15 B', '0 C', '-20 D']);
    expect(score({ 'company.employees': '200' }, {}).grade).toBe('B');
  });

  it('segments: min is inclusive, above is strict, minGrade bars lower grades', () => {
    const cases: [unknown, Record<string, number>, number, string][] = [
      [A, { 'Trial Started': 1 }, 80, 'sales-ready'],
      [A, { 'Webinar Registered': 4, 'Page Viewed': 9 }, 79, 'mql'],
      [B, { 'Trial Started': 1, 'Webinar Registered': 1, 'Page Viewed': 5 }, 80, 'sales-ready'],
      [C, { 'Trial Started': 1, 'Webinar Registered': 3 }, 80, 'mql'],
      [C, { 'Webinar Registered': 4, 'Page Viewed': 1 }, 41, 'mql'],
      [C, { 'Webinar Registered': 4 }, 40, 'nurture'],
      [C, { 'Webinar Registered': 2 }, 20, 'nurture'],
      [C, { 'Webinar Registered': 1, 'Page Viewed': 9 }, 19, 'cold'],
      [D, { 'Trial Started': 2 }, 80, 'mql'],
    ];
    for (const [lead, counts, total, segment] of cases) {
      const result = score(lead, counts);
      const got = `${result.score} ${result.segment}`;
      expect(got, JSON.stringify([lead, counts])).toBe(`${total} ${segment}`);
    }
  });

  it('a qualifying event lifts the lead to its segment whatever the score and grade', () => {
    const result = score(D, { 'Demo Requested': 1 });
    const { score: total, grade, segment, stage } = result;
    expect({ total, grade, segment, stage }).toEqual({
      total: -15,
      grade: 'D',
      segment: 'mql',
      stage: 'mofu',
    });
    expect(score(D, { 'Contact Sales': 1 }).segment).toBe('sales-ready');
  });

  it('or higher, when the score reaches a higher segment', () => {
    expect(score(A, { 'Demo Requested': 1, 'Trial Started': 1 }).segment).toBe('sales-ready');
  });

  it('only once the event has happened at or before as-of', () => {
    const demo = [ev('Demo Requested', 3)];
    expect(scoreLead(model, C, demo, at(2)).segment).toBe('cold');
    expect(scoreLead(model, C, demo, at(3)).segment).toBe('mql');
  });

  it('however decayed its points are (b2b demo request)', () => {
    const b2b = example('b2b.yaml');
    const result = scoreLead(b2b, {}, [ev('Demo Requested', 0)], at(300));
    expect(result.engagement).toBeCloseTo(30 / 1024, 12);
    expect(result.segment).toBe('mql');
  });
});

describe('categories and contributions', () => {
  const b2b = example('b2b.yaml');
  const lead = {
    id: 'l1',
    title: 'VP of Marketing',
    country: ' us ',
    'company.employees': '250',
    'company.industry': 'SaaS',
    email: 'ann@acme.com',
  };
  const history = [
    ...[1, 2, 3, 4, 5, 6].map((i) => ev('Email Opened', 60, { messageId: `open-${i}` })),
    ev('Unsubscribed', 30, { messageId: 'unsub' }),
    ev('Asset Downloaded', 0, { messageId: 'wp', properties: { type: 'WhitePaper' } }),
    ev('Online Event Attended', 0, { messageId: 'oe' }),
  ];

  it('sub-scores sum per category, after caps and decay', () => {
    const result = scoreLead(b2b, lead, history, at(60));
    // fit: senior 15 + country 5 (demographic), target company 20 (firmographic).
    // email: five opens fill the cap of 10, the sixth gets 0; unsubscribed -30 is 30 days old: -15.
    // content: white paper 5, 60 days at half-life 30: 1.25. events: 10, 60 days at 60: 5.
    expect(result.categories).toEqual({
      demographic: 20,
      firmographic: 20,
      email: -5,
      content: 1.25,
      web: 0,
      events: 5,
      intent: 0,
    });
    expect([result.fit, result.engagement, result.score]).toEqual([40, 1.25, 41.25]);
    expect([result.grade, result.segment, result.stage]).toEqual(['A', 'mql', 'mofu']);
    expect(result).not.toHaveProperty('contributions');
  });

  it('criteria default to the category fit, rules to engagement', () => {
    const model = compile(`
name: defaults
fit: { criteria: [ { id: c, when: { field: a, eq: 1 }, points: 3 } ] }
engagement: { rules: [ { id: r, event: E, points: 4 } ] }
segments: [ { id: all, stage: tofu } ]
`);
    const both = scoreLead(model, { a: 1 }, [ev('E', 0)], at(0));
    expect(both.categories).toEqual({ fit: 3, engagement: 4 });
    expect(scoreLead(model, {}, [], at(0)).categories).toEqual({ fit: 0, engagement: 0 });
  });

  it('explain lists every contribution, and they sum to the score', () => {
    const result = scoreLead(b2b, lead, history, at(60), { explain: true });
    const contributions = result.contributions ?? [];
    const criteria = ['senior-title', 'target-country', 'target-company'];
    const rules = ['whitepaper', 'online-event', 'unsubscribed', ...repeat(6, 'email-open')];
    expect(contributions.map((c) => c.id)).toEqual([...criteria, ...rules]);
    const sum = contributions.reduce((total, c) => total + c.afterDecay, 0);
    expect(Math.abs(sum - result.score)).toBeLessThan(1e-9);
    expect(contributions[0]).toEqual({
      kind: 'criterion',
      id: 'senior-title',
      category: 'demographic',
      points: 15,
      afterCap: 15,
      afterDecay: 15,
    });
    expect(contributions[5]).toEqual({
      kind: 'rule',
      id: 'unsubscribed',
      category: 'email',
      points: -30,
      afterCap: -30,
      afterDecay: -15,
      time: at(30),
      messageId: 'unsub',
    });
    expect(contributions[11]).toMatchObject({ points: 2, afterCap: 0, messageId: 'open-6' });
  });
});

describe('scoreLead with a loaded (uncompiled) model', () => {
  it('compiles it and scores exactly like the compiled model', () => {
    const model = parseModel(
      'name: m\nengagement:\n  rules: [ { id: open, event: Email Opened, points: 2 } ]\nsegments: [ { id: hot, above: 1, stage: mofu }, { id: cold, stage: tofu } ]\n',
    );
    const events = [{ event: 'Email Opened', time: 0, messageId: 'a' }];
    const fromModel = scoreLead(model, {}, events, 10);
    expect(fromModel).toEqual(scoreLead(compileModel(model), {}, events, 10));
    expect(fromModel).toMatchObject({ score: 2, segment: 'hot' });
  });
});
