// PostgreSQL: lead routing (owner, tags), once-only markers and round-robin counters, each a
// single statement so that concurrent transactions neither lose a tag nor hand out a turn twice.
import type { RoutingMethods } from '../routing-port.js';
import { one, type Query } from './pg-db.js';

export function routingMethods(q: Query): RoutingMethods {
  return {
    async getLeadRouting(ws, leadId) {
      const { rows } = await q<{ owner: string | null; tags: string[] }>(
        'SELECT owner, tags FROM lead_routing WHERE workspace_id = $1 AND lead_id = $2',
        [ws, leadId],
      );
      const row = rows[0];
      return row ? { owner: row.owner, tags: row.tags } : { owner: null, tags: [] };
    },
    async setLeadOwner(ws, leadId, owner, now) {
      await q(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         VALUES ($1, $2, $3, '[]', $4)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET owner = $3, updated_at = $4`,
        [ws, leadId, owner, now],
      );
    },
    async addLeadTags(ws, leadId, tags, now) {
      const added = JSON.stringify([...new Set(tags)]);
      await q(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         VALUES ($1, $2, NULL, $3::jsonb, $4)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
           tags = lead_routing.tags || (SELECT coalesce(jsonb_agg(t ORDER BY o), '[]'::jsonb)
             FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS a(t, o)
             WHERE NOT lead_routing.tags @> jsonb_build_array(t)),
           updated_at = $4`,
        [ws, leadId, added, now],
      );
    },
    async claimOnce(ws, leadId, key, now) {
      const result = await q(
        `INSERT INTO lead_once (workspace_id, lead_id, key, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [ws, leadId, key, now],
      );
      return result.rowCount === 1;
    },
    async nextRoundRobin(ws, key, size) {
      const row = one(
        await q<{ turns: number }>(
          `INSERT INTO round_robin (workspace_id, key, turns) VALUES ($1, $2, 1)
           ON CONFLICT (workspace_id, key) DO UPDATE SET turns = round_robin.turns + 1
           RETURNING turns`,
          [ws, key],
        ),
      );
      return (row.turns - 1) % size;
    },
  };
}
