// Strict ISO-8601 timestamps with a `Z` or an offset: parsed to epoch ms, or a reason why not.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

export type TimestampResult = { ok: true; time: number } | { ok: false; reason: string };

/**
 * Calendar fields are checked (no 31 February, no hour 24): engines' Date.parse rolls such
 * dates over silently, and a lead's history must not move by a day without anyone noticing.
 */
export function parseTimestamp(value: unknown): TimestampResult {
  if (typeof value !== 'string') {
    return {
      ok: false,
      reason:
        value === undefined || value === null
          ? 'no timestamp'
          : `timestamp must be a text, got ${typeof value}`,
    };
  }
  const m = ISO.exec(value.trim());
  if (!m) {
    const offsetMissing = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(
      value.trim(),
    );
    return {
      ok: false,
      reason: offsetMissing
        ? `timestamp "${value}" has no time zone: add Z or an offset such as +02:00`
        : `timestamp "${value}" is not ISO-8601 (expected e.g. 2026-03-04T10:11:12Z)`,
    };
  }
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, reason: `timestamp "${value}" is not a real date and time` };
  }
  let offsetMinutes = 0;
  if (z === undefined) {
    const offH = Number(oh);
    const offM = om === undefined ? 0 : Number(om);
    if (offH > 23 || offM > 59)
      return { ok: false, reason: `timestamp "${value}" has an invalid offset` };
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { ok: true, time };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
