// The lanes of webhook deliveries. A lane is (subscription, lead); of its pending deliveries only
// the head has a next attempt time, the others wait (NULL) behind it. Whatever decides a lane's
// head (enqueue, the end of a delivery, a redelivery) first takes the lane's lock
// (`dialect.lockKeys`; SQLite runs transactions one at a time and needs none), so two
// transactions never both make a head of the same lane.
import type { SqlDb } from './sql-db.js';

export interface Lane {
  subscriptionId: string;
  leadKey: string;
}

export interface Lanes {
  /** Holds the lanes until the transaction ends; taken in sorted order against deadlocks. */
  lock(lanes: readonly Lane[]): Promise<void>;
  /** lock for the lanes of the subscription's deliveries in the given status. */
  lockOf(subscriptionId: string, status: 'pending' | 'failed'): Promise<void>;
  /** The lanes (as `laneKey`s) among these that have a pending delivery. */
  busy(lanes: readonly Lane[]): Promise<Set<string>>;
  /**
   * The lanes among these that have a pending delivery no worker holds (never claimed, or
   * released after an attempt): one that reads its lead's state when sent makes a newer
   * delivery of the same state needless.
   */
  unclaimed(lanes: readonly Lane[]): Promise<Set<string>>;
  /** Makes the lane's oldest pending delivery its head, due now, unless it has a head. */
  promote(subscriptionId: string, leadKey: string, now: number): Promise<void>;
  /** promote for every lane of the subscription. */
  promoteAll(subscriptionId: string, now: number): Promise<void>;
  /** Takes the heads of a disabled subscription out of the due index (all but those in flight). */
  park(subscriptionId: string, now: number): Promise<void>;
}

export const laneKey = (subscriptionId: string, leadKey: string): string =>
  `${subscriptionId}\u001f${leadKey}`;

/** A lane as a row of the `lanes` parameter of the busy read. */
const LANE_COLUMNS = [
  ['sub', 'text'],
  ['lk', 'text'],
] as const;

export function lanes(db: SqlDb): Lanes {
  const d = db.dialect;
  const lockSql = d.lockKeys?.('keys');
  // One probe of the lane index per lane (a join would read every pending delivery of a lane,
  // and a backlog makes that long).
  const busySql = `SELECT l.sub, l.lk FROM ${d.jsonRows('lanes', LANE_COLUMNS)} AS l
    WHERE EXISTS (SELECT 1 FROM webhook_deliveries d
                  WHERE d.subscription_id = l.sub AND d.lead_key = l.lk AND d.status = 'pending')`;
  const unclaimedSql = `${busySql.slice(0, -1)} AND d.lease_token IS NULL)`;
  const lanesWith = async (sql: string, list: readonly Lane[]) => {
    if (list.length === 0) return new Set<string>();
    const unique = new Map<string, Lane>();
    for (const l of list) unique.set(laneKey(l.subscriptionId, l.leadKey), l);
    const rows = await db.tuples<[string, string]>(sql, {
      lanes: JSON.stringify(
        [...unique.values()].map((l) => ({ sub: l.subscriptionId, lk: l.leadKey })),
      ),
    });
    return new Set(rows.map(([sub, lk]) => laneKey(sub, lk)));
  };
  const lockKeys = async (keys: string[]) => {
    if (!lockSql) return;
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return;
    await db.run(lockSql, { keys: sorted.map((key) => `webhook-lane\u001f${key}`) });
  };
  return {
    lock: (list) => lockKeys(list.map((l) => laneKey(l.subscriptionId, l.leadKey))),
    async lockOf(sub, status) {
      if (!lockSql) return;
      const rows = await db.all<{ lead_key: string }>(
        `SELECT DISTINCT lead_key FROM webhook_deliveries
         WHERE subscription_id = :sub AND status = :status`,
        { sub, status },
      );
      await lockKeys(rows.map((r) => laneKey(sub, r.lead_key)));
    },
    busy: (list) => lanesWith(busySql, list),
    unclaimed: (list) => lanesWith(unclaimedSql, list),
    async promote(sub, lk, now) {
      await db.run(
        `UPDATE webhook_deliveries SET next_attempt_at = :now
         WHERE seq = (SELECT min(seq) FROM webhook_deliveries
                      WHERE subscription_id = :sub AND lead_key = :lk AND status = 'pending')
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries
                           WHERE subscription_id = :sub AND lead_key = :lk AND status = 'pending'
                             AND next_attempt_at IS NOT NULL)`,
        { sub, lk, now },
      );
    },
    async promoteAll(sub, now) {
      await db.run(
        `UPDATE webhook_deliveries SET next_attempt_at = :now
         WHERE seq IN (SELECT min(seq) FROM webhook_deliveries
                       WHERE subscription_id = :sub AND status = 'pending'
                       GROUP BY lead_key HAVING count(next_attempt_at) = 0)`,
        { sub, now },
      );
    },
    async park(sub, now) {
      await db.run(
        `UPDATE webhook_deliveries SET next_attempt_at = NULL
         WHERE subscription_id = :sub AND status = 'pending' AND next_attempt_at IS NOT NULL
           AND (lease_until IS NULL OR lease_until <= :now)`,
        { sub, now },
      );
    },
  };
}
