// Weight of evidence and information value against hand-computed values, smoothing included.
import { describe, expect, it } from 'vitest';
import { informationValue, weightsOfEvidence } from './information-value.js';

describe('weight of evidence and information value', () => {
  // A: 10 leads, 5 converted; B: 30 leads, 5 converted. 10 converted, 30 not, 2 groups.
  // Smoothed shares of converters: A 5.5/11 = 0.5, B 5.5/11 = 0.5;
  // of non-converters: A 5.5/31 = 0.177419, B 25.5/31 = 0.822581.
  // WoE A = ln(0.5/0.177419) = 1.036092; B = ln(0.5/0.822581) = -0.497838.
  // IV = (0.5-0.177419)(1.036092) + (0.5-0.822581)(-0.497838) = 0.494816.
  const groups = [
    { leads: 10, conversions: 5 },
    { leads: 30, conversions: 5 },
  ];

  it('matches the hand-computed values', () => {
    const [a, b] = weightsOfEvidence(groups);
    expect(a).toBeCloseTo(1.036092, 5);
    expect(b).toBeCloseTo(-0.497838, 5);
    expect(informationValue(groups)).toBeCloseTo(0.494816, 5);
  });

  it('stays finite for a group with no converters, by the 0.5 smoothing', () => {
    // Counts (leads, converted): (5, 2), (4, 1), (1, 0). 3 converted, 7 not, 3 groups.
    // Converters: 2.5/4.5, 1.5/4.5, 0.5/4.5; non-converters: 3.5/8.5, 3.5/8.5, 1.5/8.5.
    const cells = [
      { leads: 5, conversions: 2 },
      { leads: 4, conversions: 1 },
      { leads: 1, conversions: 0 },
    ];
    const woe = weightsOfEvidence(cells);
    expect(woe[2]).toBeCloseTo(Math.log(0.5 / 4.5 / (1.5 / 8.5)), 12);
    expect(woe[2]).toBeCloseTo(-0.462624, 5);
    expect(informationValue(cells)).toBeCloseTo(0.089878, 5);
  });

  it('is 0 for an attribute that does not separate converters', () => {
    const same = [
      { leads: 20, conversions: 4 },
      { leads: 20, conversions: 4 },
    ];
    expect(informationValue(same)).toBeCloseTo(0, 12);
  });
});
