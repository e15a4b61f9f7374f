// positiveAdvice: when nothing in a target counts as converted, its values and what to pass.
import { describe, expect, it } from 'vitest';
import { distinctValues, positiveAdvice } from './target.js';

describe('distinctValues', () => {
  it('counts any case as one value, most frequent first, blanks left out', () => {
    expect(distinctValues(['N', 'y', ' ', 'n', 'Y', 'N', ''])).toEqual(['N', 'y']);
  });
});

describe('positiveAdvice', () => {
  it('of two values, suggests the one that means converted', () => {
    const advice = (cells: string[]) => positiveAdvice(cells)?.advice;
    expect(advice(['N', 'N', 'Y'])).toBe('pass --positive Y');
    expect(advice(['Y', 'Y', 'N'])).toBe('pass --positive Y');
    expect(advice(['0.0', '1.0', '0.0'])).toBe('pass --positive 1.0');
    expect(advice(['subscribed', 'not subscribed', 'not subscribed'])).toBe(
      'pass --positive subscribed',
    );
    expect(advice(['open', 'open', 'closed won'])).toBe("pass --positive 'closed won'");
  });

  it('lists many values, and asks for the one that means converted', () => {
    const cells = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'a'];
    expect(positiveAdvice(cells)).toEqual({
      values: 'a, b, c, d, e, f, ... (7 values)',
      advice: 'name the value that means converted with --positive',
    });
  });

  it('has nothing to say about an empty column', () => {
    expect(positiveAdvice(['', ' '])).toBeUndefined();
  });
});
