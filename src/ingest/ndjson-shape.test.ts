// ndjsonShapeProblem: JSON that is not one object per line is named as such; NDJSON passes.
import { describe, expect, it } from 'vitest';
import { ndjsonShapeProblem } from './ndjson-shape.js';

describe('ndjsonShapeProblem', () => {
  it('names a JSON array, pretty or on one line, after a BOM or blank lines', () => {
    for (const head of ['[\n  {"a": 1},\n', '[{"a":1},{"a":2}]', '\uFEFF\n\n  [ {"a": 1}']) {
      expect(ndjsonShapeProblem(head, 'e.json')).toBe(
        "e.json looks like a JSON array, not NDJSON (one JSON object per line): put each element on a line of its own (jq -c '.[]' does)",
      );
    }
  });

  it('names objects spread over several lines', () => {
    expect(ndjsonShapeProblem('{\n  "type": "track",\n', 'e.ndjson')).toMatch(
      /^e\.ndjson looks like JSON spread over several lines, not NDJSON/,
    );
  });

  it('passes NDJSON, and lines that are broken one by one, to be judged per line', () => {
    expect(ndjsonShapeProblem('{"a":1}\n{"a":2}\n', 'e')).toBeUndefined();
    expect(ndjsonShapeProblem('{"a":\nnot json\n', 'e')).toBeUndefined();
    expect(ndjsonShapeProblem('', 'e')).toBeUndefined();
  });
});
