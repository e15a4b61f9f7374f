// Samples a PostgreSQL database for lock waits while a benchmark loads it: every few milliseconds,
// the lock requests not granted (pg_locks) and the sessions waiting on a lock (pg_stat_activity).
import pg from 'pg';

export interface LockWaits {
  samples: number;
  /** Samples that saw at least one session waiting on a lock. */
  samplesWaiting: number;
  /** Waiting sessions summed over the samples (a wait seen in three samples counts three). */
  waits: number;
  /** Lock requests not granted, summed over the samples. */
  ungranted: number;
  /** Most sessions seen waiting at once. */
  most: number;
  /** What waited: the lock's type and the waiting statement. */
  statements: Set<string>;
}

const SAMPLE = `
  SELECT
    (SELECT count(*) FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock')::int AS waiting,
    (SELECT count(*) FROM pg_locks l
      WHERE NOT l.granted AND l.pid IN
        (SELECT pid FROM pg_stat_activity WHERE datname = current_database()))::int AS ungranted,
    (SELECT string_agg(DISTINCT l.locktype || ' ' || left(regexp_replace(a.query, '[[:space:]]+', ' ', 'g'), 100), ' | ')
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE NOT l.granted AND a.datname = current_database()) AS what`;

/** Starts sampling; `stop` ends it and answers what was seen. */
export async function sampleLockWaits(
  connectionString: string,
  everyMs = 20,
): Promise<{ stop(): Promise<LockWaits> }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const seen: LockWaits = {
    samples: 0,
    samplesWaiting: 0,
    waits: 0,
    ungranted: 0,
    most: 0,
    statements: new Set(),
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{
        waiting: number;
        ungranted: number;
        what: string | null;
      }>(SAMPLE);
      const { waiting, ungranted, what } = rows[0]!;
      if (what) for (const one of what.split(' | ')) seen.statements.add(one);
      seen.samples++;
      if (waiting > 0) seen.samplesWaiting++;
      seen.waits += waiting;
      seen.ungranted += ungranted;
      seen.most = Math.max(seen.most, waiting);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return seen;
    },
  };
}

export const describeLockWaits = (w: LockWaits) =>
  `${w.samplesWaiting} of ${w.samples} samples (${w.waits} session waits, ${w.ungranted} ungranted locks, at most ${w.most} at once)` +
  (w.statements.size > 0 ? `, waiting: ${[...w.statements].join(' | ')}` : '');
