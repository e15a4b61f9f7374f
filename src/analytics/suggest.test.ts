import { describe, expect, it } from 'vitest';
import { compileCondition } from '../core/condition.js';
import { compileModel } from '../core/compile-model.js';
import { modelWarnings } from '../core/model-warnings.js';
import { parseModel, validateModel } from '../core/parse-model.js';
import { isHeldOut } from '../ml/holdout.js';
import { rocAuc } from '../ml/metrics.js';
import { parseDataset, type Dataset } from '../ml/read-dataset.js';
import { fitsOf, heldOutSplit, pointsFromWoe, suggest } from './suggest.js';
import { suggestionYaml } from './suggest-yaml.js';
import { signalCsv } from '../../test/suggest-synthetic.js';

function signalData(): Dataset {
  return parseDataset(signalCsv(10000, 7), 'signal.csv');
}

describe('pointsFromWoe', () => {
  it('scales WoE so that pdo points double the odds, rounding half away from zero', () => {
    expect(pointsFromWoe(Math.LN2, 20)).toBe(20);
    expect(pointsFromWoe(-Math.LN2, 20)).toBe(-20);
    expect(pointsFromWoe(2 * Math.LN2, 15)).toBe(30);
    expect(pointsFromWoe(0.5, 20)).toBe(14); // 14.43
    expect(pointsFromWoe(0.5, 40)).toBe(29); // 28.85
    expect(pointsFromWoe((2.5 * Math.LN2) / 20, 20)).toBe(3);
    expect(pointsFromWoe((-2.5 * Math.LN2) / 20, 20)).toBe(-3);
    expect(Object.is(pointsFromWoe(-0.001, 20), 0)).toBe(true);
  });
});

describe('suggest', () => {
  it('gives the hand-computed points of a two-valued attribute on the training part', () => {
    // Training leads: plan a 100 leads, 40 converted; plan b 100 leads, 10 converted. Held-out
    // leads (the split's own choice) get plan c, which training never sees.
    const train = [
      ...Array.from({ length: 100 }, (_, i) => ['a', i < 40 ? 'yes' : 'no']),
      ...Array.from({ length: 100 }, (_, i) => ['b', i < 10 ? 'yes' : 'no']),
    ];
    const lines = ['plan,won'];
    for (let k = 0, t = 0; t < train.length; k++) {
      lines.push(isHeldOut(k) ? `c,${k % 2 ? 'yes' : 'no'}` : train[t++]!.join(','));
    }
    const s = suggest(parseDataset(lines.join('\n'), 'plans.csv'), { target: 'won' });
    // WoE = ln(((c + 0.5) / (50 + 1)) / ((n - c + 0.5) / (150 + 1))):
    // a: ln((40.5/51) / (60.5/151)) = 0.684113 -> 0.684113 x 20 / ln 2 = 19.74 -> 20
    // b: ln((10.5/51) / (90.5/151)) = -1.068520 -> -30.83 -> -31
    expect(s.train).toEqual({ leads: 200, conversions: 50 });
    const [plan] = s.attributes;
    expect(plan!.groups.map((g) => [g.id, g.leads, g.conversions, g.points])).toEqual([
      ['plan-a', 100, 40, 20],
      ['plan-b', 100, 10, -31],
    ]);
    expect(plan!.groups[0]!.woe).toBeCloseTo(0.684113, 6);
    expect(plan!.groups[1]!.woe).toBeCloseTo(-1.06852, 5);
    const pdo40 = suggest(parseDataset(lines.join('\n'), 'plans.csv'), {
      target: 'won',
      pdo: 40,
    });
    expect(pdo40.attributes[0]!.groups.map((g) => g.points)).toEqual([39, -62]);
  });

  it('writes a valid model whose fit ranks held-out leads, without the no-signal columns', () => {
    const dataset = signalData();
    const s = suggest(dataset, { target: 'converted' });
    const text = suggestionYaml(s);
    const model = parseModel(text, 'suggested.yaml');
    expect(model).toEqual(validateModel(s.model));
    expect(modelWarnings(model)).toEqual([]);

    expect(s.attributes.map((a) => a.name).sort()).toEqual(['tier', 'x1']);
    expect(s.leftOut.map((a) => a.name).sort()).toEqual(['jitter', 'noise']);
    expect(s.skipped).toEqual(['id']);
    expect(model.fit.criteria.map((c) => c.category)).not.toContain('noise');
    const tier = s.attributes.find((a) => a.name === 'tier')!;
    const points = Object.fromEntries(tier.groups.map((g) => [g.label, g.points]));
    expect(points.gold!).toBeGreaterThan(points.silver!);
    expect(points.silver!).toBeGreaterThan(points.bronze!);

    // The reported figures are those of the file itself, scored by the engine.
    const split = heldOutSplit(dataset, 'converted');
    const auc = rocAuc(
      split.heldOut.labels,
      fitsOf(compileModel(model), dataset, split.heldOut.rows),
    );
    expect(s.figures.auc).toBe(auc);
    expect(auc).toBeGreaterThan(0.75);
    expect(s.figures.lift).toBeGreaterThan(1.8);

    // Grades by training quantiles: about 10% of training leads get A.
    const trainFits = fitsOf(compileModel(model), dataset, split.train.rows);
    const aMin = model.fit.grades![0]!.min!;
    const shareA = trainFits.filter((f) => f >= aMin).length / trainFits.length;
    expect(shareA).toBeGreaterThanOrEqual(0.1);
    expect(shareA).toBeLessThan(0.15);
    expect(model.segments.map((seg) => seg.id)).toEqual(['high-fit', 'other']);
  });

  it('covers every numeric value with exactly one group, and merges equal neighbours', () => {
    const dataset = signalData();
    const s = suggest(dataset, { target: 'converted', pdo: 10 });
    const x1 = s.attributes.find((a) => a.name === 'x1')!;
    const tests = x1.groups.map((g) =>
      compileCondition(
        validateModel({
          name: 'm',
          fit: { criteria: [{ id: 'c', when: g.when, points: 1 }] },
          segments: [{ id: 's', stage: 'tofu' }],
        }).fit.criteria[0]!.when,
      ),
    );
    expect(x1.groups.at(-1)!.label).toBe('(missing)');
    for (const x of ['-99', '-1.2345', '0', '0.5', '3.1', '1000', '', 'oops']) {
      const matches = tests.filter((t) => t({ x1: x })).length;
      expect(matches, `x1 = "${x}"`).toBe(x === 'oops' ? 0 : 1);
    }
    const ranges = x1.groups.slice(0, -1);
    for (let k = 1; k < ranges.length; k++) {
      expect(ranges[k]!.points).not.toBe(ranges[k - 1]!.points);
    }
  });

  it('with method lr, scales the WoE of each attribute by its regression weight', () => {
    const dataset = signalData();
    const s = suggest(dataset, { target: 'converted', method: 'lr' });
    expect(s.method).toBe('lr');
    expect(s.attributes.map((a) => a.name).sort()).toEqual(['tier', 'x1']);
    for (const a of s.attributes) {
      expect(a.weight).toBeGreaterThan(0.3);
      expect(a.weight).toBeLessThan(2);
      // Unmerged groups (categorical ones) carry their own WoE: the points follow from it.
      if (a.kind === 'categorical') {
        for (const g of a.groups) expect(g.points).toBe(pointsFromWoe(a.weight * g.woe, 20));
      }
    }
    const text = suggestionYaml(s);
    expect(text).toContain('weight x WoE');
    const model = parseModel(text, 'lr.yaml');
    expect(model).toEqual(validateModel(s.model));
    expect(s.figures.auc).toBeGreaterThan(0.75);
    expect(suggestionYaml(suggest(signalData(), { target: 'converted', method: 'lr' }))).toBe(text);
  });

  it('is deterministic: the same data gives byte-identical output', () => {
    const a = suggestionYaml(suggest(signalData(), { target: 'converted' }));
    const b = suggestionYaml(suggest(signalData(), { target: 'converted' }));
    expect(a).toBe(b);
  });

  it('refuses options out of range', () => {
    expect(() => suggest(signalData(), { target: 'converted', pdo: 0 })).toThrow(/--pdo/);
    expect(() => suggest(signalData(), { target: 'converted', minIv: -1 })).toThrow(/--min-iv/);
    expect(() => suggest(signalData(), { target: 'converted', bins: 1 })).toThrow(/--bins/);
    expect(() => suggest(signalData(), { target: 'converted', method: 'x' as 'lr' })).toThrow(
      /--method/,
    );
  });
});
