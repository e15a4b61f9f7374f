// Timestamp parsing: offsets, fractions, refusals with reasons, and agreement with Date.parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.js';

const ok = (value: string) => {
  const r = parseTimestamp(value);
  if (!r.ok) throw new Error(r.reason);
  return r.time;
};
const reason = (value: unknown) => {
  const r = parseTimestamp(value);
  if (r.ok) throw new Error(`accepted ${String(value)}`);
  return r.reason;
};

describe('parseTimestamp', () => {
  it('reads Z, offsets with and without a colon, fractions and a space separator', () => {
    expect(ok('2026-03-04T10:11:12Z')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12));
    expect(ok('2026-03-04T10:11:12.123Z')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12, 123));
    expect(ok('2026-03-04T12:11:12+02:00')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12));
    expect(ok('2026-03-04T05:11:12-0500')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12));
    expect(ok('2026-03-04T15:41:12.5+05:30')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12, 500));
    expect(ok('2026-03-04 10:11Z')).toBe(Date.UTC(2026, 2, 4, 10, 11, 0));
    expect(ok('2026-03-04T10:11:12.123456789z')).toBe(Date.UTC(2026, 2, 4, 10, 11, 12, 123));
    expect(ok('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('refuses with a reason that names the value', () => {
    expect(reason('2026-03-04T10:11:12')).toBe(
      'timestamp "2026-03-04T10:11:12" has no time zone: add Z or an offset such as +02:00',
    );
    expect(reason('2026-03-04')).toContain('has no time zone');
    expect(reason('2026-02-29T00:00:00Z')).toBe(
      'timestamp "2026-02-29T00:00:00Z" is not a real date and time',
    );
    expect(reason('2026-04-31T00:00:00Z')).toContain('not a real date');
    expect(reason('2026-01-01T24:00:00Z')).toContain('not a real date');
    expect(reason('2026-01-01T10:00:00+25:00')).toContain('invalid offset');
    expect(reason('yesterday')).toContain('is not ISO-8601');
    expect(reason(1767225600000)).toBe('timestamp must be a text, got number');
    expect(reason(undefined)).toBe('no timestamp');
  });

  it('agrees with Date.parse on every valid instant, in both the fast and the general form', () => {
    const instant = fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instant, offset, fc.boolean(), (date, minutes, colon) => {
        const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 23);
        const sign = minutes < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
        const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
        const text = `${local}${sign}${hh}${colon ? ':' : ''}${mm}`;
        expect(ok(text)).toBe(date.getTime());
        expect(ok(`${date.toISOString()}`)).toBe(Date.parse(date.toISOString()));
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
