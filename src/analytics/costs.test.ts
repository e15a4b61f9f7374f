// The --costs file: header optional, separators and quotes, errors naming file and line.
import { describe, expect, it } from 'vitest';
import { parseCosts } from './costs.js';

describe('parseCosts', () => {
  it('reads channel,cost lines, with or without a header, , or ; separated, quoted or not', () => {
    expect([...parseCosts('channel,cost\ngoogle,200\n"e-mail, list",30.5\n', 'c.csv')]).toEqual([
      ['google', 200],
      ['e-mail, list', 30.5],
    ]);
    expect([...parseCosts('"ads";90\n"tv";0\n', 'c.csv')]).toEqual([
      ['ads', 90],
      ['tv', 0],
    ]);
  });

  it('names file and line of a cost that is not a number', () => {
    expect(() => parseCosts('channel,cost\ngoogle,200\nemail,abc\n', 'costs.csv')).toThrow(
      'costs.csv:3: cost of "email": expected a number >= 0, got "abc"',
    );
    expect(() => parseCosts('google,-5\n', 'costs.csv')).toThrow('costs.csv:1: cost of "google"');
  });

  it('names file and line of a line with the wrong number of fields, or a channel twice', () => {
    expect(() => parseCosts('google,200\nemail,30,x\n', 'costs.csv')).toThrow(
      'costs.csv:2: expected 2 fields (channel,cost), got 3',
    );
    expect(() => parseCosts('google,200\ngoogle,30\n', 'costs.csv')).toThrow(
      'costs.csv:2: channel "google" twice',
    );
  });
});
