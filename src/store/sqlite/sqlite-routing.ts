// SQLite: lead routing (owner, tags), once-only markers and round-robin counters.
import type { RoutingMethods } from '../routing-port.js';
import type { Sql } from './sqlite-db.js';

export function routingMethods(sql: Sql): RoutingMethods {
  const get = (ws: string, leadId: string) =>
    sql<{ owner: string | null; tags: string }>(
      'SELECT owner, tags FROM lead_routing WHERE workspace_id = @ws AND lead_id = @leadId',
    ).get({ ws, leadId });
  const methods: RoutingMethods = {
    async getLeadRouting(ws, leadId) {
      const row = get(ws, leadId);
      return row
        ? { owner: row.owner, tags: JSON.parse(row.tags) as string[] }
        : { owner: null, tags: [] };
    },
    async setLeadOwner(ws, leadId, owner, now) {
      sql(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         VALUES (@ws, @leadId, @owner, '[]', @now)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET owner = @owner, updated_at = @now`,
      ).run({ ws, leadId, owner, now });
    },
    async addLeadTags(ws, leadId, tags, now) {
      // The connection is serialised: a read-merge-write cannot lose a concurrent tag.
      const old = get(ws, leadId);
      const merged = [...new Set([...(old ? (JSON.parse(old.tags) as string[]) : []), ...tags])];
      sql(
        `INSERT INTO lead_routing (workspace_id, lead_id, owner, tags, updated_at)
         VALUES (@ws, @leadId, NULL, @tags, @now)
         ON CONFLICT (workspace_id, lead_id) DO UPDATE SET tags = @tags, updated_at = @now`,
      ).run({ ws, leadId, tags: JSON.stringify(merged), now });
    },
    async claimOnce(ws, leadId, key, now) {
      return (
        sql(
          `INSERT INTO lead_once (workspace_id, lead_id, key, at) VALUES (@ws, @leadId, @key, @now)
           ON CONFLICT DO NOTHING`,
        ).run({ ws, leadId, key, now }).changes === 1
      );
    },
    async nextRoundRobin(ws, key, size) {
      const row = sql<{ turns: number }>(
        `INSERT INTO round_robin (workspace_id, key, turns) VALUES (@ws, @key, 1)
         ON CONFLICT (workspace_id, key) DO UPDATE SET turns = turns + 1
         RETURNING turns`,
      ).get({ ws, key });
      return ((row?.turns ?? 1) - 1) % size;
    },
    // The connection runs one statement after another anyway: the bulk forms are loops.
    async getLeadRoutings(ws, leadIds) {
      const found = new Map<string, { owner: string | null; tags: string[] }>();
      for (const id of leadIds) found.set(id, await methods.getLeadRouting(ws, id));
      return found;
    },
    async setLeadOwners(ws, owners, now) {
      for (const { leadId, owner } of owners) await methods.setLeadOwner(ws, leadId, owner, now);
    },
    async addLeadTagsMany(ws, items, now) {
      for (const { leadId, tags } of items) await methods.addLeadTags(ws, leadId, tags, now);
    },
    async claimOnceMany(ws, claims, now) {
      const claimed: boolean[] = [];
      for (const { leadId, key } of claims)
        claimed.push(await methods.claimOnce(ws, leadId, key, now));
      return claimed;
    },
    async nextRoundRobins(ws, key, size, count) {
      if (count === 0) return [];
      const row = sql<{ turns: number }>(
        `INSERT INTO round_robin (workspace_id, key, turns) VALUES (@ws, @key, @count)
         ON CONFLICT (workspace_id, key) DO UPDATE SET turns = turns + @count
         RETURNING turns`,
      ).get({ ws, key, count });
      const first = (row?.turns ?? count) - count;
      return Array.from({ length: count }, (_, i) => (first + i) % size);
    },
  };
  return methods;
}
