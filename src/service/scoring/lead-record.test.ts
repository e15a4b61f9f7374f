// The record a model reads for a stored lead.
import { describe, expect, it } from 'vitest';
import { leadRecord } from './lead-record.js';
import { isVisibleChange } from './score-change.js';

describe('leadRecord', () => {
  it('puts the group company under company.*, before the identify company object', () => {
    const traits = { title: 'VP', company: { name: 'FromIdentify', employees: 10 } };
    expect(leadRecord('L1', traits, { name: 'Acme', employees: 500 })).toEqual({
      id: 'L1',
      title: 'VP',
      company: { name: 'Acme', employees: 500 },
    });
    expect(leadRecord('L1', traits, undefined).company).toEqual({
      name: 'FromIdentify',
      employees: 10,
    });
    expect(leadRecord('L1', { title: 'VP' }, undefined)).toEqual({ id: 'L1', title: 'VP' });
  });
});

describe('isVisibleChange', () => {
  const base = { score: 10, grade: 'A', segment: 'mql', stage: 'mofu' as const };
  it('ignores changes below the displayed precision and sees the rest', () => {
    expect(isVisibleChange(base, { ...base, score: 10.001 })).toBe(false);
    expect(isVisibleChange(base, { ...base, score: 10.01 })).toBe(true);
    expect(isVisibleChange(base, { ...base, grade: 'B' })).toBe(true);
    expect(isVisibleChange(base, { ...base, segment: 'hot' })).toBe(true);
    expect(isVisibleChange(base, { ...base, stage: 'bofu' })).toBe(true);
    expect(isVisibleChange(undefined, base)).toBe(true);
  });
});
