// The text and JSON rule every store can hold: NUL, lone surrogates, depth, invalid UTF-8.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, findJsonProblem, MAX_JSON_DEPTH, textProblem } from './json-safety.js';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('textProblem', () => {
  it('accepts ordinary text and paired surrogates', () => {
    expect(textProblem('Ada Lovelace')).toBeNull();
    expect(textProblem('rocket \ud83d\ude80 launch')).toBeNull();
  });
  it('names a NUL and its offset', () => {
    expect(textProblem('ab\u0000c')).toBe('contains a NUL character (\\u0000) at offset 2');
  });
  it('names a lone high or low surrogate', () => {
    expect(textProblem('VP\ud83d')).toBe('contains a lone UTF-16 surrogate at offset 2');
    expect(textProblem('\ude80x')).toBe('contains a lone UTF-16 surrogate at offset 0');
    expect(textProblem('\ud83d\ud83d\ude80')).toBe('contains a lone UTF-16 surrogate at offset 0');
  });
  it('agrees with a UTF-8 round trip on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const roundTrips = Buffer.from(s, 'utf8').toString('utf8') === s;
        expect(textProblem(s) === null).toBe(roundTrips && !s.includes('\u0000'));
      }),
    );
  });
});

describe('findJsonProblem', () => {
  it('answers null for a clean value', () => {
    expect(findJsonProblem({ traits: { name: 'Ada', tags: ['x', 1, null, true] } })).toBeNull();
  });
  it('points at the string, array index or key that holds the problem', () => {
    expect(findJsonProblem({ traits: { name: 'A\u0000' } })?.path).toBe('traits.name');
    expect(findJsonProblem({ items: ['ok', 'V\ud83d'] })?.path).toBe('items[1]');
    const key = findJsonProblem({ traits: { 'bad\u0000key': 1 } });
    expect(key?.path).toBe('traits.bad\u0000key');
    expect(key?.reason).toMatch(/^key contains a NUL/);
    expect(findJsonProblem({ a: 'x' }, { path: 'body' })).toBeNull();
    expect(findJsonProblem({ a: '\u0000' }, { path: 'body' })?.path).toBe('body.a');
  });
  it('caps nesting without overflowing the stack', () => {
    expect(findJsonProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    const deep = findJsonProblem(nested(MAX_JSON_DEPTH + 1));
    expect(deep?.reason).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
    expect(findJsonProblem(nested(100_000))?.reason).toMatch(/nested deeper/);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeUtf8(Buffer.from('{"a":"é🚀"}'))).toEqual({ ok: true, text: '{"a":"é🚀"}' });
  });
  it('answers the offset of the first invalid sequence', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"é'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, offset: 8 });
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ ok: false, offset: 0 });
    expect(decodeUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toEqual({ ok: false, offset: 1 });
  });
  it('agrees with Buffer.isUtf8 on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => {
        const result = decodeUtf8(bytes);
        expect(result.ok).toBe(isUtf8(bytes));
        if (!result.ok) expect(isUtf8(bytes.subarray(0, result.offset))).toBe(true);
      }),
    );
  });
});
