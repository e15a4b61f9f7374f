// What a 429 tells the user about waiting: its Retry-After (seconds) as a short sentence.

/** " Try again in 12 s." from a Retry-After of seconds, or nothing without a usable one. */
export function retryNote(retryAfter: string | null): string {
  const seconds = Number(retryAfter);
  if (!retryAfter || !Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 90) return ` Try again in ${Math.ceil(seconds)} s.`;
  return ` Try again in ${Math.ceil(seconds / 60)} min.`;
}
