// An import run as a job (as POST /v1/imports runs it) keeps its lease while it writes: another
// server on the same database, trying all along to take the job over as its orphan check would,
// never can, and the job ends succeeded with the import's counts (both stores).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startImport } from '../src/service/import/start-import.js';
import { importResultSchema } from '../src/service/import/import-types.js';
import { LEASE_MS } from '../src/service/jobs/job-lease.js';
import { loadModel } from '../src/service/load-model.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';
import { writeHistory } from './import-history.js';
import { ROOT, tempFiles } from './run-cli.js';

const model = await loadModel(join(ROOT, 'examples/models/b2b.yaml'));
const LEADS = 2000;
const EVENTS = 30_000;

describe.each(freshStores())('an import job’s lease on $name', ({ openShared }) => {
  it('is never free for another server to take while the import runs', async () => {
    const dir = await tempFiles({});
    const files = await writeHistory(
      dir,
      { leads: LEADS, events: EVENTS, seed: 5, format: 'ndjson' },
      new Date(Date.now() - 86_400_000),
    );
    const shared = await openShared();
    const store = shared.store;
    const other = shared.another();
    const ws = (await store.createWorkspace('acme', Date.now())).id;
    const version = await store.addModel(
      ws,
      model as unknown as Record<string, unknown>,
      Date.now(),
    );
    await store.activateModel(ws, version, Date.now());

    const { job, running } = await startImport(
      store,
      new ActiveModels(),
      {
        ws,
        files: { leads: files.leads, events: files.events },
        sizes: { leads: (await stat(files.leads)).size, events: (await stat(files.events)).size },
        dryRun: false,
        quiet: true,
      },
      () => Date.now(),
      async () => undefined,
    );
    let ended = false;
    void running.then(() => (ended = true));
    // The other server: as its orphan check does, takes the job if its lease has run out.
    const taken: number[] = [];
    let checks = 0;
    while (!ended) {
      const now = Date.now();
      const owner = await other.jobLeaseOwner(ws, job.id);
      if (owner !== null && (await other.leaseJob(ws, job.id, 'other-server', now + LEASE_MS, now)))
        taken.push(now);
      checks++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await running;
    expect(taken).toEqual([]);
    expect(checks).toBeGreaterThan(1);
    const done = await store.getJob(ws, job.id);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    const result = importResultSchema.parse(await store.getJobResult(ws, job.id));
    expect(result.counts.events).toMatchObject({ read: EVENTS, rejected: 0 });
    expect(result.rescored).toBe(LEADS);
  });
});
