// Contract: an import job's rejects, added in bulk (a batch written twice is kept once), paged
// through in the order they were refused, deleted with the job, and kept to their workspace.
import { describe, expect, it } from 'vitest';
import type { StoredImportReject } from '../port.js';
import { T0, useContext, type MakeStore } from './harness.js';

const reject = (seq: number, fields: Partial<StoredImportReject> = {}): StoredImportReject => ({
  seq,
  kind: 'leads',
  file: 'leads.csv',
  line: seq + 1,
  reason: 'id: missing',
  row: `,row ${seq}`,
  ...fields,
});

export function importRejectsContract(makeStore: MakeStore): void {
  describe('import rejects', () => {
    const ctx = useContext(makeStore);

    it('keeps every reject of a job and pages through them in order', async () => {
      const { store, ws } = ctx();
      const job = await store.createJob(ws, { kind: 'import', total: 0 }, T0);
      const long = 'é"\n,'.repeat(500);
      const all = Array.from({ length: 1203 }, (_, i) =>
        reject(i + 1, i === 7 ? { kind: 'events', file: 'events.ndjson', row: long } : {}),
      );
      // Two batches, the second written before the first: the order is the numbering.
      await store.addImportRejects(ws, job.id, all.slice(600));
      await store.addImportRejects(ws, job.id, all.slice(0, 600));
      const read: StoredImportReject[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.listImportRejects(ws, job.id, { limit: 500, afterSeq: after });
        read.push(...page);
        if (page.length < 500) break;
        after = page[page.length - 1]!.seq;
      }
      expect(read).toEqual(all);
      expect(await store.listImportRejects(ws, job.id, { limit: 2, afterSeq: 1201 })).toEqual(
        all.slice(1201),
      );
      await store.addImportRejects(ws, job.id, []);
    });

    it('stores a batch written twice once, keeping what was first written', async () => {
      const { store, ws } = ctx();
      const job = await store.createJob(ws, { kind: 'import', total: 0 }, T0);
      await store.addImportRejects(ws, job.id, [reject(1), reject(2)]);
      await store.addImportRejects(ws, job.id, [reject(2, { reason: 'other' }), reject(3)]);
      expect(await store.listImportRejects(ws, job.id, { limit: 10 })).toEqual([
        reject(1),
        reject(2),
        reject(3),
      ]);
    });

    it('deletes the rejects of one job, and keeps them to their workspace', async () => {
      const { store, ws, other } = ctx();
      const job = await store.createJob(ws, { kind: 'import', total: 0 }, T0);
      const second = await store.createJob(ws, { kind: 'import', total: 0 }, T0);
      await store.addImportRejects(ws, job.id, [reject(1), reject(2)]);
      await store.addImportRejects(ws, second.id, [reject(1)]);
      expect(await store.listImportRejects(other, job.id, { limit: 10 })).toEqual([]);
      expect(await store.deleteImportRejects(other, job.id)).toBe(0);
      expect(await store.deleteImportRejects(ws, job.id)).toBe(2);
      expect(await store.listImportRejects(ws, job.id, { limit: 10 })).toEqual([]);
      expect(await store.listImportRejects(ws, second.id, { limit: 10 })).toEqual([reject(1)]);
      expect(await store.deleteImportRejects(ws, job.id)).toBe(0);
    });
  });
}
