import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportMap } from './import-map.js';
import { importPreviewSchema, previewImport } from './preview.js';

async function file(name: string, text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'import-preview-')), name);
  await writeFile(path, text);
  return path;
}

describe('previewImport', () => {
  it('shows each column as mapped and the first rows as the import reads them', async () => {
    const path = await file(
      'crm.csv',
      'Lead ID;Employees;Notes\nL1;12;x\nL2;many;y\n;3;z\nL4;4;w\n',
    );
    const map = parseImportMap(
      'leads:\n  columns:\n    Lead ID: id\n    Employees: { to: company.size, type: number }\n    Notes: { ignore: true }\n',
      'map.yaml',
    );
    const preview = await previewImport('leads', path, map, { limit: 3, name: 'crm.csv' });
    expect(importPreviewSchema.parse(preview)).toEqual({
      kind: 'leads',
      file: 'crm.csv',
      format: 'csv',
      columns: [
        { column: 'Lead ID', to: 'id', type: 'string' },
        { column: 'Employees', to: 'company.size', type: 'number' },
        { column: 'Notes', to: null, type: 'string' },
      ],
      rows: [
        { line: 2, values: { id: 'L1', 'company.size': 12 }, reject: null },
        { line: 3, values: null, reject: 'column "Employees": expected a number, got "many"' },
        { line: 4, values: { 'company.size': 3 }, reject: 'no id' },
      ],
    });
  });

  it('reads NDJSON events as calls, without columns', async () => {
    const path = await file(
      'events.ndjson',
      '{"type":"track","userId":"L1","event":"Demo Requested","timestamp":"2026-01-01T00:00:00Z"}\n{"type":"track"}\n',
    );
    const preview = await previewImport('events', path, undefined, { limit: 5 });
    expect(preview.format).toBe('ndjson');
    expect(preview.columns).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.reject])).toEqual([
      [1, null],
      [2, 'no userId (the lead id)'],
    ]);
  });
});
