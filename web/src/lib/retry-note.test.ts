// The wait a 429 asks for, as the sign-in page and every panel show it.
import { describe, expect, it } from 'vitest';
import { retryNote } from './retry-note';

describe('retryNote', () => {
  it('says how long to wait, in seconds or minutes', () => {
    expect(retryNote('12')).toBe(' Try again in 12 s.');
    expect(retryNote('300')).toBe(' Try again in 5 min.');
  });
  it('says nothing without a usable Retry-After', () => {
    expect(retryNote(null)).toBe('');
    expect(retryNote('Wed, 21 Oct 2015 07:28:00 GMT')).toBe('');
  });
});
