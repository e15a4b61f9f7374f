// The Wilson interval and lift against values computed by hand from the closed form.
import { describe, expect, it } from 'vitest';
import { liftOver, rateOf, wilson, Z95 } from './rate.js';

describe('wilson', () => {
  it('matches the published 95% interval for 5 of 10: 0.2366 to 0.7634', () => {
    const [low, high] = wilson(5, 10);
    expect(low).toBeCloseTo(0.236593, 5);
    expect(high).toBeCloseTo(0.763407, 5);
  });

  it('has 0 below and z^2 / (n + z^2) above for 0 of n', () => {
    const [low, high] = wilson(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo((Z95 * Z95) / (10 + Z95 * Z95), 12);
    expect(high).toBeCloseTo(0.277533, 5);
  });

  it('mirrors for n of n, and is [0, 1] with no leads', () => {
    const [low, high] = wilson(10, 10);
    expect(high).toBeCloseTo(1, 12);
    expect(low).toBeCloseTo(1 - 0.277533, 5);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('rateOf and liftOver', () => {
  it('gives the rate, its interval and the lift over a base rate', () => {
    const rate = rateOf(2, 3);
    expect(rate).toMatchObject({ leads: 3, conversions: 2 });
    expect(rate.rate).toBeCloseTo(2 / 3, 12);
    expect(rate.low).toBeCloseTo(0.20766, 5);
    expect(rate.high).toBeCloseTo(0.938508, 5);
    expect(liftOver(rate, rateOf(3, 10))).toBeCloseTo(2 / 3 / 0.3, 12);
    expect(rateOf(0, 0).rate).toBeNaN();
  });
});
