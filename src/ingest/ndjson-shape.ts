// An NDJSON file that holds JSON of another shape (one array, or objects spread over several
// lines) is refused once, as a whole, rather than as thousands of "not JSON" lines.

/** The file is JSON, but not one JSON object per line. */
export class NdjsonShapeError extends Error {
  readonly code = 'not_ndjson';
}

const NDJSON = 'NDJSON (one JSON object per line)';

/**
 * What is wrong with a file whose text starts with `head`, when it is JSON of another shape
 * than NDJSON; undefined when it may be NDJSON (its lines are then judged one by one).
 */
export function ndjsonShapeProblem(head: string, path: string): string | undefined {
  const first = head
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  if (first === undefined) return undefined;
  if (first.startsWith('[')) {
    return `${path} looks like a JSON array, not ${NDJSON}: put each element on a line of its own (jq -c '.[]' does)`;
  }
  // A line holding only `{` is how JSON.stringify(value, null, 2) and editors lay out objects.
  if (first === '{') {
    return `${path} looks like JSON spread over several lines, not ${NDJSON}: put each object on a line of its own (jq -c . does)`;
  }
  return undefined;
}
