import { describe, expect, it } from 'vitest';
import { compileModel } from '../core/compile-model.js';
import { modelWarnings } from '../core/model-warnings.js';
import { parseModel, validateModel } from '../core/parse-model.js';
import { scoreLead } from '../core/score-lead.js';
import { rocAuc } from '../ml/metrics.js';
import { parseDataset, type Dataset } from '../ml/read-dataset.js';
import { heldOutSplit, scoresOf, suggest } from './suggest.js';
import {
  behaviourCounts,
  behaviourOf,
  engagementOf,
  MIN_REPEAT_LEADS,
  ruleOf,
} from './suggest-behaviours.js';
import { leadOf } from './suggest-held-out.js';
import { formatSuggestion } from './suggest-report.js';
import { suggestionYaml } from './suggest-yaml.js';
import { behaviourCsv } from '../../test/suggest-synthetic.js';

const COLUMNS = ['did: Demo Requested', 'Unsubscribed', 'Trial Started', 'page_views'];
const BEHAVIOURS = COLUMNS.map(behaviourOf);

function behaviourData(text = behaviourCsv(10000, 5)): Dataset {
  return parseDataset(text, 'b.csv');
}

/** Counts and outcomes of leads in groups of `leads` with `count` each, `conversions` converted. */
function groups(...parts: [leads: number, count: number, conversions: number][]) {
  const counts: number[] = [];
  const labels: number[] = [];
  for (const [leads, count, conversions] of parts) {
    for (let i = 0; i < leads; i++) {
      counts.push(count);
      labels.push(i < conversions ? 1 : 0);
    }
  }
  return { counts: Float64Array.from(counts), labels: Uint8Array.from(labels) };
}

const DEMO = { column: 'demos', event: 'Demo Requested' };

describe('behaviourOf', () => {
  it('reads the event from the column name, after `did: ` when there is one', () => {
    expect(behaviourOf('did: Demo Requested')).toEqual({
      column: 'did: Demo Requested',
      event: 'Demo Requested',
    });
    expect(behaviourOf('visits')).toEqual({ column: 'visits', event: 'visits' });
  });
});

describe('ruleOf', () => {
  it('caps at the points of doing it 3+ times when repeats keep raising the odds', () => {
    // 100 never (10 converted), 50 once (20), 50 four times (30): 60 converted, 140 not.
    // once: ln((50.5/61) / (50.5/141)) = 0.837886 -> 24.18 -> 24 points per event
    // 3+:   ln((30.5/61) / (20.5/141)) = 1.235188 -> 35.64 -> a cap of 36
    const { counts, labels } = groups([100, 0, 10], [50, 1, 20], [50, 4, 30]);
    const rule = ruleOf(DEMO, counts, labels, 20);
    expect(rule.once).toMatchObject({ leads: 100, conversions: 50 });
    expect(rule.once.woe).toBeCloseTo(0.837886, 6);
    expect(rule.repeated).toMatchObject({ leads: 50, conversions: 30 });
    expect(rule.repeated.woe).toBeCloseTo(1.235188, 6);
    expect([rule.points, rule.cap]).toEqual([24, 36]);
  });

  it('lets only the first event count when repeats add nothing', () => {
    // The five-timers convert as the one-timers do: the 3+ WoE equals the at-least-once WoE.
    const { counts, labels } = groups([100, 0, 10], [50, 1, 25], [50, 5, 25]);
    const rule = ruleOf(DEMO, counts, labels, 20);
    expect([rule.points, rule.cap]).toEqual([24, 24]);
  });

  it('gives negative points, capped at their size, to events that go with not converting', () => {
    // once: ln((10.5/51) / (90.5/151)) = -1.068520 -> -30.83 -> -31
    const { counts, labels } = groups([100, 0, 40], [100, 1, 10]);
    const rule = ruleOf({ column: 'u', event: 'Unsubscribed' }, counts, labels, 20);
    expect(rule.once.woe).toBeCloseTo(-1.06852, 5);
    expect([rule.points, rule.cap]).toEqual([-31, 31]);
    expect(rule.repeated.leads).toBe(0);
  });

  it('takes no cap from too few repeaters', () => {
    const few = MIN_REPEAT_LEADS - 1;
    const { counts, labels } = groups([100, 0, 10], [50, 1, 20], [few, 6, few]);
    const rule = ruleOf(DEMO, counts, labels, 20);
    expect(rule.repeated.leads).toBe(few);
    expect(rule.cap).toBe(Math.abs(rule.points));
  });
});

describe('behaviourCounts', () => {
  const dataset = parseDataset('id,visits,won\nL1,2,yes\nL2,,no\nL3,x,yes\nL4,-1,no\n', 'v.csv');

  it('reads blank as 0', () => {
    expect([...behaviourCounts(dataset, 'visits', [0, 1])]).toEqual([2, 0]);
  });

  it('names the file, line and column of a cell that is not a count', () => {
    expect(() => behaviourCounts(dataset, 'visits', [0, 1, 2])).toThrow(
      'v.csv:4: visits: expected a count (a number >= 0), got "x"',
    );
    expect(() => behaviourCounts(dataset, 'visits', [3])).toThrow(
      'v.csv:5: visits: expected a count (a number >= 0), got "-1"',
    );
    expect(() => behaviourCounts(dataset, 'visit', [0])).toThrow(
      'v.csv:1: --behaviours "visit" is not a column',
    );
  });
});

describe('engagementOf', () => {
  it('gives sign(points) x min(|points| x count, cap) per rule on the event, skipping `where`', () => {
    const compiled = compileModel(
      validateModel({
        name: 'm',
        engagement: {
          rules: [
            { id: 'demo', event: ' demo requested ', points: 10, cap: { points: 25 } },
            { id: 'unsub', event: 'Unsubscribed', points: -30 },
            { id: 'typed', event: 'Demo Requested', where: { field: 'x', eq: 1 }, points: 99 },
          ],
        },
        segments: [{ id: 's', stage: 'tofu' }],
      }),
    );
    const total = engagementOf(
      compiled,
      [
        { event: 'Demo Requested', counts: Float64Array.from([0, 1, 2, 3, 7]) },
        { event: 'unsubscribed', counts: Float64Array.from([0, 0, 1, 0, 2]) },
      ],
      5,
    );
    expect([...total]).toEqual([0, 10, -10, 25, 25 - 60]);
  });
});

describe('suggest with behaviours', () => {
  const dataset = behaviourData();
  const s = suggest(dataset, { target: 'converted', exclude: ['id'], behaviours: BEHAVIOURS });

  it('rewards behaviours that raise the odds, penalises harmful ones, leaves out useless ones', () => {
    const rules = Object.fromEntries(s.rules.map((r) => [r.event, r]));
    expect(Object.keys(rules).sort()).toEqual(['Demo Requested', 'Trial Started', 'Unsubscribed']);
    // Each demo request (up to three) raises the true log-odds: repeats raise the cap.
    expect(rules['Demo Requested']!.points).toBeGreaterThan(0);
    expect(rules['Demo Requested']!.cap).toBeGreaterThan(rules['Demo Requested']!.points);
    expect(rules['Demo Requested']!.id).toBe('did-Demo_Requested');
    expect(rules.Unsubscribed!.points).toBeLessThan(0);
    expect(rules.Unsubscribed!.cap).toBe(-rules.Unsubscribed!.points);
    expect(rules['Trial Started']!.points).toBeGreaterThan(0);
    expect(rules['Trial Started']!.cap).toBe(rules['Trial Started']!.points);
    expect(s.leftOutBehaviours.map((b) => b.column)).toEqual(['page_views']);

    // Count columns are no fit candidates.
    const fitNames = [...s.attributes, ...s.leftOut].map((a) => a.name).concat(s.skipped);
    for (const column of COLUMNS) expect(fitNames).not.toContain(column);
    expect(s.attributes.map((a) => a.name).sort()).toEqual(['tier', 'x1']);
  });

  it('writes the rules into a valid model file, without decay, with a note to add it', () => {
    const text = suggestionYaml(s);
    const model = parseModel(text, 'suggested.yaml');
    expect(model).toEqual(validateModel(s.model));
    expect(modelWarnings(model)).toEqual([]);
    expect(model.engagement.halfLifeDays).toBeUndefined();
    expect(model.engagement.rules.map((r) => [r.id, r.event, r.category])).toEqual(
      s.rules.map((r) => [r.id, r.event, 'engagement']),
    );
    for (const r of model.engagement.rules) {
      expect(r.halfLifeDays).toBeUndefined();
      expect(r.cap).toEqual({ points: s.rules.find((x) => x.id === r.id)!.cap });
      expect(r.description).toMatch(/at least once: \d+ of \d+ training leads converted/);
    }
    expect(text).toContain('add halfLifeDays');
    expect(model.segments.map((seg) => seg.id)).toEqual(['high-score', 'other']);
    expect(formatSuggestion(s)).toMatch(
      /Behaviour rules .*\n.*\n {2}did-Demo_Requested +Demo Requested/,
    );
    expect(formatSuggestion(s)).toContain(
      'Behaviours left out (IV < 0.02 or 0 points): page_views',
    );
  });

  it('ranks held-out leads by fit + behaviour points, as the engine scores their events', () => {
    const model = parseModel(suggestionYaml(s), 'suggested.yaml');
    const compiled = compileModel(model);
    const split = heldOutSplit(dataset, 'converted');
    const scores = scoresOf(compiled, dataset, split.heldOut.rows, BEHAVIOURS);
    expect(s.figures.auc).toBe(rocAuc(split.heldOut.labels, scores));
    for (const [i, r] of split.heldOut.rows.slice(0, 200).entries()) {
      const lead = leadOf(dataset.columns, dataset.rows[r]!);
      const events = BEHAVIOURS.flatMap((b) =>
        Array.from({ length: Number(lead[b.column] || 0) }, (_, t) => ({
          event: b.event,
          time: t,
        })),
      );
      expect(scoreLead(compiled, lead, events, 1e6).score, `row ${r}`).toBe(scores[i]);
    }
    const fitOnly = suggest(dataset, { target: 'converted', exclude: ['id', ...COLUMNS] });
    expect(s.figures.auc).toBeGreaterThan(fitOnly.figures.auc + 0.02);
    expect(s.figures.lift).toBeGreaterThan(fitOnly.figures.lift);
  });

  it('cuts the top segment on the training leads score', () => {
    const split = heldOutSplit(dataset, 'converted');
    const compiled = compileModel(validateModel(s.model));
    const scores = scoresOf(compiled, dataset, split.train.rows, BEHAVIOURS);
    const min = s.model.segments[0]!.min!;
    const share = scores.filter((x) => x >= min).length / scores.length;
    expect(share).toBeGreaterThanOrEqual(0.2);
    expect(share).toBeLessThan(0.25);
  });

  it('is deterministic, and keeps the points of WoE alone with method lr', () => {
    const again = suggest(behaviourData(), {
      target: 'converted',
      exclude: ['id'],
      behaviours: BEHAVIOURS,
    });
    expect(suggestionYaml(again)).toBe(suggestionYaml(s));
    const lr = suggest(dataset, {
      target: 'converted',
      exclude: ['id'],
      behaviours: BEHAVIOURS,
      method: 'lr',
    });
    expect(lr.rules).toEqual(s.rules);
    expect(suggestionYaml(lr)).toContain('WoE alone');
    expect(parseModel(suggestionYaml(lr), 'lr.yaml')).toEqual(validateModel(lr.model));
  });

  it('leaves out a behaviour no training lead did, even with --min-iv 0', () => {
    const text = behaviourCsv(2000, 3)
      .trimEnd()
      .split('\n')
      .map((line, k) => `${line},${k === 0 ? 'Never Done' : '0'}`)
      .join('\n');
    const never = suggest(behaviourData(text), {
      target: 'converted',
      minIv: 0,
      behaviours: [...BEHAVIOURS, behaviourOf('Never Done')],
    });
    expect(never.rules.map((r) => r.event)).not.toContain('Never Done');
    expect(never.leftOutBehaviours.map((b) => b.column)).toContain('Never Done');
  });

  it('makes a model of rules alone (no grades) when no attribute is left', () => {
    const only = suggest(dataset, {
      target: 'converted',
      exclude: ['id', 'x1', 'tier'],
      behaviours: BEHAVIOURS,
    });
    const model = parseModel(suggestionYaml(only), 'rules.yaml');
    expect(model).toEqual(validateModel(only.model));
    expect(modelWarnings(model)).toEqual([]);
    expect(model.fit).toEqual({ criteria: [] });
    expect(model.engagement.rules.map((r) => r.event)).toEqual(s.rules.map((r) => r.event));
    expect(formatSuggestion(only)).toContain('Grades (by fit of training leads): none');
  });

  it('names the line and column of a count that is not one, and refuses bad columns', () => {
    const lines = behaviourCsv(2000, 3).split('\n');
    const cells = lines[99]!.split(',');
    cells[4] = '-2'; // Unsubscribed, on file line 100
    lines[99] = cells.join(',');
    expect(() =>
      suggest(behaviourData(lines.join('\n')), { target: 'converted', behaviours: BEHAVIOURS }),
    ).toThrow('b.csv:100: Unsubscribed: expected a count (a number >= 0), got "-2"');
    const small = behaviourData(behaviourCsv(2000, 3));
    expect(() =>
      suggest(small, { target: 'converted', behaviours: [behaviourOf('converted')] }),
    ).toThrow('--behaviours: "converted" is the target column');
    expect(() =>
      suggest(small, {
        target: 'converted',
        behaviours: [behaviourOf('Unsubscribed'), { column: 'page_views', event: 'unsubscribed' }],
      }),
    ).toThrow('--behaviours: columns "Unsubscribed" and "page_views" both count the event');
  });
});
