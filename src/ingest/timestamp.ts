// Strict ISO-8601 timestamps with a `Z` or an offset: parsed to epoch ms, or a reason why not.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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
  const fast = parseCommonForm(value);
  if (fast !== undefined) return fast;
  const m = ISO.exec(value.trim());
  if (!m) {
    return {
      ok: false,
      reason: NO_ZONE.test(value.trim())
        ? `timestamp "${value}" has no time zone: add Z or an offset such as +02:00`
        : `timestamp "${value}" is not ISO-8601 (expected e.g. 2026-03-04T10:11:12Z)`,
    };
  }
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const offset =
    z !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  if (z === undefined && (Number(oh) > 23 || Number(om ?? 0) > 59)) {
    return { ok: false, reason: `timestamp "${value}" has an invalid offset` };
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return build(
    value,
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    ms,
    offset,
  );
}

function build(
  value: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): TimestampResult {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = (DAYS_IN_MONTH[month - 1] ?? 0) + (leap ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `timestamp "${value}" is not a real date and time` };
  }
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { ok: true, time };
}

/** `YYYY-MM-DDTHH:MM:SS(.mmm)?(Z|±HH:MM)`, what SDKs send, without a regular expression. */
function parseCommonForm(v: string): TimestampResult | undefined {
  const n = v.length;
  if (n < 20 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84)
    return undefined;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 19;
  let ms = 0;
  if (v.charCodeAt(i) === 46) {
    if (n < 24) return undefined;
    ms = digits(v, 20, 3);
    if (ms < 0) return undefined;
    i = 23;
  }
  let offset: number;
  if (i === n - 1 && v.charCodeAt(i) === 90) offset = 0;
  else if (i === n - 6 && v.charCodeAt(i + 3) === 58) {
    const sign = v.charCodeAt(i);
    const oh = digits(v, i + 1, 2);
    const om = digits(v, i + 4, 2);
    if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0 || oh > 23 || om > 59) return undefined;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  return build(v, year, month, day, hour, minute, second, ms, offset);
}

/** The decimal number in `count` digits at `start`, or -1 when one is not a digit. */
function digits(v: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
