// PostgreSQL plans every query from its tables' statistics, which autovacuum refreshes as the
// tables change. Where autovacuum is off (some test and tuned servers), statistics taken while a
// table was small stay forever: the planner then reads every score row of a workspace to find
// a hundred (measured on ingestion: a 100-lead score read took 6.3 ms instead of 2.3 ms). This
// keeper does autovacuum's analyze part for such servers, with its default thresholds: a table
// is analyzed once more than 50 rows + 10% of its rows changed since its last analyze.
import pg from 'pg';

export type StatisticsMode = 'auto' | 'always' | 'off';

export interface StatisticsKeeperOptions {
  /** `auto`: only when the server's autovacuum is off; `always`; `off`. */
  mode: StatisticsMode;
  /** How often the tables' change counts are checked. */
  everyMs: number;
}

export interface StatisticsKeeper {
  /** Analyzes the tables past the threshold now; answers their names. */
  runOnce(): Promise<string[]>;
  /** No more checks; waits for a check in progress. */
  stop(): Promise<void>;
}

// autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, as PostgreSQL ships them.
const BASE_ROWS = 50;
const SCALE = 0.1;

export function startStatisticsKeeper(
  pool: pg.Pool,
  options: StatisticsKeeperOptions,
): StatisticsKeeper {
  let wanted: Promise<boolean> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  // Asked of the server once: autovacuum cannot be switched off without a reload.
  const needed = () =>
    (wanted ??= pool
      .query<{ autovacuum: string }>('SHOW autovacuum')
      .then((result) => result.rows[0]?.autovacuum !== 'on')
      .catch((error: unknown) => {
        // Asked again at the next check.
        wanted = undefined;
        throw error;
      }));

  const runOnce = async (): Promise<string[]> => {
    const stale = await pool.query<{ relname: string }>(
      `SELECT relname FROM pg_stat_user_tables
       WHERE schemaname = current_schema() AND n_mod_since_analyze > $1::float8 + $2::float8 * n_live_tup
       ORDER BY relname`,
      [BASE_ROWS, SCALE],
    );
    const names = stale.rows.map((row) => row.relname);
    for (const name of names) await pool.query(`ANALYZE ${pg.escapeIdentifier(name)}`);
    return names;
  };

  const tick = async () => {
    if (options.mode === 'auto' && !(await needed())) return;
    await runOnce();
  };

  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  if (options.mode !== 'off') {
    timer = setInterval(() => {
      // A check still running (a slow ANALYZE) is not started again beside itself.
      if (stopped || busy) return;
      busy = true;
      running = tick()
        .catch((error: unknown) =>
          // Stale statistics slow queries down; they never make one wrong. Say so and go on.
          process.emitWarning(
            `leadscore: refreshing PostgreSQL table statistics failed: ${String(error)}`,
          ),
        )
        .finally(() => (busy = false));
    }, options.everyMs);
    timer.unref();
  }

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
