// Which columns count events, and which event.
import { describe, expect, it } from 'vitest';
import { DID, eventOfCountColumn } from './count-columns.js';

describe('eventOfCountColumn', () => {
  it('reads the event after `did:`, in any case and spacing', () => {
    expect(eventOfCountColumn(`${DID}Demo Requested`)).toBe('Demo Requested');
    expect(eventOfCountColumn('DID:Pricing Viewed ')).toBe('Pricing Viewed');
  });
  it('answers null for other columns and an empty event', () => {
    expect(eventOfCountColumn('title')).toBeNull();
    expect(eventOfCountColumn('did:')).toBeNull();
    expect(eventOfCountColumn('candid: x')).toBeNull();
  });
});
