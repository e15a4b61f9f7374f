// The format and CSV header the page reads from a chosen file, as the server reads them.
import { describe, expect, it } from 'vitest';
import { csvHeader, formatOf } from './import-header';

describe('import header', () => {
  it('reads events as NDJSON or CSV by extension, else by the first character', () => {
    expect(formatOf('events', 'calls.NDJSON', 'id,x')).toBe('ndjson');
    expect(formatOf('events', 'events.csv', '{"type":"track"}')).toBe('csv');
    expect(formatOf('events', 'export.txt', '  {"type":"track"}')).toBe('ndjson');
    expect(formatOf('events', 'export.txt', 'lead_id,event,timestamp')).toBe('csv');
    expect(formatOf('leads', 'leads.json', '{')).toBe('csv');
  });

  it('reads the first record with its separator, quotes and trimmed names', () => {
    expect(csvHeader('\uFEFFid, email ,company.size\r\n1,a@x.io,5\n')).toEqual([
      'id',
      'email',
      'company.size',
    ]);
    expect(csvHeader('\n"Lead ID";"Notes; ""internal""";Employees\n1;x;2')).toEqual([
      'Lead ID',
      'Notes; "internal"',
      'Employees',
    ]);
    expect(csvHeader('"two\nlines",b\n')).toEqual(['two\nlines', 'b']);
    expect(csvHeader('')).toEqual([]);
  });
});
