// The wall clock of a time zone: the day (YYYY-MM-DD) and hour (0-23) an instant has there, and
// whether a name is a time zone at all, both by Intl (the IANA database Node ships with).
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The canonical name of an IANA time zone (`utc` → `UTC`), or null when it is none. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export interface LocalTime {
  /** YYYY-MM-DD in the time zone. */
  day: string;
  /** 0-23 in the time zone. */
  hour: number;
}

/** The day and hour at `at` (epoch ms) in `timeZone` (a valid IANA name). */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts = new Map(
    formatOf(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`,
    hour: Number(parts.get('hour')),
  };
}
