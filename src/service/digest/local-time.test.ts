import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, localTime } from './local-time.js';

describe('localTime', () => {
  it('reads the day and hour in the time zone, across the date line of UTC', () => {
    const at = Date.UTC(2026, 2, 3, 3, 30); // 03:30 UTC: 22:30 the day before in New York
    expect(localTime(at, 'UTC')).toEqual({ day: '2026-03-03', hour: 3 });
    expect(localTime(at, 'America/New_York')).toEqual({ day: '2026-03-02', hour: 22 });
    expect(localTime(at, 'Asia/Tokyo')).toEqual({ day: '2026-03-03', hour: 12 });
  });

  it('follows daylight saving time', () => {
    expect(localTime(Date.UTC(2026, 6, 1, 12), 'America/New_York').hour).toBe(8);
    expect(localTime(Date.UTC(2026, 0, 5, 13), 'America/New_York').hour).toBe(8);
  });

  it('midnight is hour 0', () => {
    expect(localTime(Date.UTC(2026, 0, 5, 0), 'UTC')).toEqual({ day: '2026-01-05', hour: 0 });
  });
});

describe('canonicalTimeZone', () => {
  it('answers the canonical name of a zone and null for anything else', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
