// matchColumns: required columns by exact name, in another case when unambiguous, else suggested.
import { describe, expect, it } from 'vitest';
import { matchColumns } from './csv-columns.js';

describe('matchColumns', () => {
  it('keeps a header that has every required column', () => {
    expect(matchColumns(['id', 'ID', 'title'], ['id'])).toEqual({
      ok: true,
      columns: ['id', 'ID', 'title'],
    });
  });

  it('takes the one column named in another case under the required name', () => {
    expect(matchColumns(['ID', 'title'], ['id'])).toEqual({ ok: true, columns: ['id', 'title'] });
    expect(
      matchColumns(['Lead_ID', 'Event', 'TIMESTAMP', 'x'], ['lead_id', 'event', 'timestamp']),
    ).toEqual({
      ok: true,
      columns: ['lead_id', 'event', 'timestamp', 'x'],
    });
  });

  it('renames nothing when two columns match in another case', () => {
    expect(matchColumns(['ID', 'Id'], ['id'])).toEqual({
      ok: false,
      problems: ['column "id" is ambiguous: "ID", "Id" all match it; rename one'],
    });
  });

  it('suggests near names without taking them', () => {
    expect(matchColumns(['Lead ID', 'leadId', 'title'], ['id', 'lead_id', 'event'])).toEqual({
      ok: false,
      problems: [
        'missing column "id" (did you mean "Lead ID", "leadId"?)',
        'missing column "lead_id" (did you mean "Lead ID", "leadId"?)',
        'missing column "event"',
      ],
    });
  });
});
