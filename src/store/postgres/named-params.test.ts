import { describe, expect, it } from 'vitest';
import { positional } from './named-params.js';

describe('named parameters to positional ones', () => {
  it('numbers each name once, in order of first use', () => {
    expect(positional('SELECT :a, :b WHERE x = :a AND y = :c_2')).toEqual({
      text: 'SELECT $1, $2 WHERE x = $1 AND y = $3',
      names: ['a', 'b', 'c_2'],
    });
  });

  it('leaves casts, string literals, quoted identifiers and comments alone', () => {
    const sql = `SELECT CAST(:v AS int8), :w::text, ':no', 'it''s :no', "a:b" -- :no\n, :x`;
    expect(positional(sql)).toEqual({
      text: `SELECT CAST($1 AS int8), $2::text, ':no', 'it''s :no', "a:b" -- :no\n, $3`,
      names: ['v', 'w', 'x'],
    });
  });

  it('keeps a colon that starts no name', () => {
    expect(positional("SELECT a[1:2], ': '").text).toBe("SELECT a[1:2], ': '");
  });
});
