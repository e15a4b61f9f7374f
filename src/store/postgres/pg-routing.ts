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
    async getLeadRoutings(ws, leadIds) {
      const { rows } = await q<{ lead_id: string; owner: string | null; tags: string[] }>(
        `SELECT lead_id, owner, tags FROM lead_routing
         WHERE workspace_id = $1 AND lead_id = ANY($2::text[])`,
        [ws, leadIds],
      );
      const byId = new Map(rows.map((r) => [r.lead_id, { owner: r.owner, tags: r.tags }]));
      return new Map(leadIds.map((id) => [id, byId.get(id) ?? { owner: null, tags: [] }]));
    },
    async setLeadOwners(ws, owners, now) {
      // One row per lead in one statement: the last owner named wins, as one at a time.
      const last = new Map(owners.map((o) => [o.leadId, o.owner]));
      if (last.size === 0) return;
      await q(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         SELECT $1, id, owner, '[]', $4 FROM unnest($2::text[], $3::text[]) AS u(id, owner)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET owner = EXCLUDED.owner, updated_at = $4`,
        [ws, [...last.keys()], [...last.values()], now],
      );
    },
    async addLeadTagsMany(ws, items, now) {
      // Each lead's tags merged in order first, so that one statement sees each lead once.
      const merged = new Map<string, string[]>();
      for (const { leadId, tags } of items) {
        const list = merged.get(leadId) ?? [];
        for (const tag of tags) if (!list.includes(tag)) list.push(tag);
        merged.set(leadId, list);
      }
      if (merged.size === 0) return;
      await q(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         SELECT $1, id, NULL, tags::jsonb, $4 FROM unnest($2::text[], $3::text[]) AS u(id, tags)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET
           tags = lead_routing.tags || (SELECT coalesce(jsonb_agg(t ORDER BY o), '[]'::jsonb)
             FROM jsonb_array_elements(EXCLUDED.tags) WITH ORDINALITY AS a(t, o)
             WHERE NOT lead_routing.tags @> jsonb_build_array(t)),
           updated_at = $4`,
        [ws, [...merged.keys()], [...merged.values()].map((t) => JSON.stringify(t)), now],
      );
    },
    async claimOnceMany(ws, claims, now) {
      const pair = (c: { leadId: string; key: string }) => `${c.leadId}\u0000${c.key}`;
      const distinct = [...new Map(claims.map((c) => [pair(c), c])).values()];
      if (distinct.length === 0) return [];
      const { rows } = await q<{ lead_id: string; key: string }>(
        `INSERT INTO lead_once (workspace_id, lead_id, key, at)
         SELECT $1, id, key, $4 FROM unnest($2::text[], $3::text[]) AS u(id, key)
         ON CONFLICT DO NOTHING RETURNING lead_id, key`,
        [ws, distinct.map((c) => c.leadId), distinct.map((c) => c.key), now],
      );
      const won = new Set(rows.map((r) => pair({ leadId: r.lead_id, key: r.key })));
      // A pair named twice is claimed by its first mention only.
      return claims.map((c) => won.delete(pair(c)));
    },
    async nextRoundRobins(ws, key, size, count) {
      if (count === 0) return [];
      const row = one(
        await q<{ turns: number }>(
          `INSERT INTO round_robin (workspace_id, key, turns) VALUES ($1, $2, $3)
           ON CONFLICT (workspace_id, key) DO UPDATE SET turns = round_robin.turns + $3
           RETURNING turns`,
          [ws, key, count],
        ),
      );
      const first = row.turns - count;
      return Array.from({ length: count }, (_, i) => (first + i) % size);
    },
  };
}
