// SQLite: the lanes of webhook deliveries. A lane is (subscription, lead); of its pending
// deliveries only the head has a next attempt time, the others wait (NULL) behind it. These keep
// exactly one head per lane that has pending deliveries (transactions run one at a time here).
import type { Sql } from './sqlite-db.js';

export interface Lanes {
  /** Whether the lane has a pending delivery: a new one then waits behind it. */
  busy(subscriptionId: string, leadKey: string): boolean;
  /** Makes the lane's oldest pending delivery its head, due now, unless it has a head. */
  promote(subscriptionId: string, leadKey: string, now: number): void;
  /** promote for every lane of the subscription. */
  promoteAll(subscriptionId: string, now: number): void;
  /** Takes the heads of a disabled subscription out of the due index (all but those in flight). */
  park(subscriptionId: string, now: number): void;
}

export function lanes(sql: Sql): Lanes {
  return {
    busy: (sub, lk) =>
      sql(
        `SELECT 1 FROM webhook_deliveries
         WHERE subscription_id = @sub AND lead_key = @lk AND status = 'pending' LIMIT 1`,
      ).get({ sub, lk }) !== undefined,
    promote(sub, lk, now) {
      sql(
        `UPDATE webhook_deliveries SET next_attempt_at = @now
         WHERE seq = (SELECT min(seq) FROM webhook_deliveries
                      WHERE subscription_id = @sub AND lead_key = @lk AND status = 'pending')
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries
                           WHERE subscription_id = @sub AND lead_key = @lk AND status = 'pending'
                             AND next_attempt_at IS NOT NULL)`,
      ).run({ sub, lk, now });
    },
    promoteAll(sub, now) {
      sql(
        `UPDATE webhook_deliveries SET next_attempt_at = @now
         WHERE seq IN (SELECT min(seq) FROM webhook_deliveries
                       WHERE subscription_id = @sub AND status = 'pending'
                       GROUP BY lead_key HAVING count(next_attempt_at) = 0)`,
      ).run({ sub, now });
    },
    park(sub, now) {
      sql(
        `UPDATE webhook_deliveries SET next_attempt_at = NULL
         WHERE subscription_id = @sub AND status = 'pending' AND next_attempt_at IS NOT NULL
           AND (lease_until IS NULL OR lease_until <= @now)`,
      ).run({ sub, now });
    },
  };
}
