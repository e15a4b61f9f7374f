// PostgreSQL: the lanes of webhook deliveries. A lane is (subscription, lead); of its pending
// deliveries only the head has a next attempt time, the others wait (NULL) behind it. Whatever
// decides a lane's head (enqueue, the end of a delivery, a redelivery) first takes the lane's
// advisory lock, so two transactions never both make a head of the same lane.
import type { Query } from './pg-db.js';

export interface Lanes {
  /** Holds the lanes until the transaction ends; taken in sorted order against deadlocks. */
  lock(lanes: readonly { subscriptionId: string; leadKey: string }[]): Promise<void>;
  /** lock for the lanes of the subscription's deliveries in the given status. */
  lockOf(subscriptionId: string, status: 'pending' | 'failed'): Promise<void>;
  /** The lanes (as `lane key`s) among these that have a pending delivery. */
  busy(lanes: readonly { subscriptionId: string; leadKey: string }[]): Promise<Set<string>>;
  /** Makes the lane's oldest pending delivery its head, due now, unless it has a head. */
  promote(subscriptionId: string, leadKey: string, now: number): Promise<void>;
  /** promote for every lane of the subscription. */
  promoteAll(subscriptionId: string, now: number): Promise<void>;
  /** Takes the heads of a disabled subscription out of the due index (all but those in flight). */
  park(subscriptionId: string, now: number): Promise<void>;
}

export const laneKey = (subscriptionId: string, leadKey: string): string =>
  `${subscriptionId}\u001f${leadKey}`;

export function lanes(q: Query): Lanes {
  const lockKeys = async (keys: string[]) => {
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return;
    await q(
      `SELECT pg_advisory_xact_lock(k) FROM
         (SELECT hashtextextended('webhook-lane' || chr(31) || key, 0) AS k
          FROM unnest($1::text[]) WITH ORDINALITY AS t(key, n) ORDER BY n) s`,
      [sorted],
    );
  };
  return {
    lock: (list) => lockKeys(list.map((l) => laneKey(l.subscriptionId, l.leadKey))),
    async lockOf(sub, status) {
      const { rows } = await q<{ lead_key: string }>(
        `SELECT DISTINCT lead_key FROM webhook_deliveries
         WHERE subscription_id = $1 AND status = $2`,
        [sub, status],
      );
      await lockKeys(rows.map((r) => laneKey(sub, r.lead_key)));
    },
    async busy(list) {
      if (list.length === 0) return new Set();
      const { rows } = await q<{ subscription_id: string; lead_key: string }>(
        // One probe of the lane index per lane (a join would read every pending delivery of a
        // lane, and a backlog makes that long).
        `SELECT DISTINCT l.sub AS subscription_id, l.lk AS lead_key
         FROM unnest($1::text[], $2::text[]) AS l(sub, lk)
         WHERE EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.subscription_id = l.sub AND d.lead_key = l.lk
                         AND d.status = 'pending')`,
        [list.map((l) => l.subscriptionId), list.map((l) => l.leadKey)],
      );
      return new Set(rows.map((r) => laneKey(r.subscription_id, r.lead_key)));
    },
    async promote(sub, lk, now) {
      await q(
        `UPDATE webhook_deliveries SET next_attempt_at = $3
         WHERE seq = (SELECT min(seq) FROM webhook_deliveries
                      WHERE subscription_id = $1 AND lead_key = $2 AND status = 'pending')
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries
                           WHERE subscription_id = $1 AND lead_key = $2 AND status = 'pending'
                             AND next_attempt_at IS NOT NULL)`,
        [sub, lk, now],
      );
    },
    async promoteAll(sub, now) {
      await q(
        `UPDATE webhook_deliveries SET next_attempt_at = $2
         WHERE seq IN (SELECT min(seq) FROM webhook_deliveries
                       WHERE subscription_id = $1 AND status = 'pending'
                       GROUP BY lead_key HAVING count(next_attempt_at) = 0)`,
        [sub, now],
      );
    },
    async park(sub, now) {
      await q(
        `UPDATE webhook_deliveries SET next_attempt_at = NULL
         WHERE subscription_id = $1 AND status = 'pending' AND next_attempt_at IS NOT NULL
           AND (lease_until IS NULL OR lease_until <= $2)`,
        [sub, now],
      );
    },
  };
}
