// Lead routing (owner, tags), once-only markers and round-robin counters. Each write is a single
// statement (tags merged in SQL, turns counted by the upsert), so that concurrent transactions
// neither lose a tag nor hand out a turn twice; the bulk forms are one statement each.
import type { LeadRouting } from '../records.js';
import type { RoutingMethods } from '../routing-port.js';
import { rowColumns } from './row-columns.js';
import { one, type SqlDb } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

interface RoutingRow {
  lead_id: string;
  owner: string | null;
  tags: unknown;
}

const NEVER_ROUTED = (): LeadRouting => ({ owner: null, tags: [] });

const OWNER = rowColumns<{ lead_id: string; owner: string | null; tags: string[] }>({
  lead_id: 'text',
  owner: 'text',
  tags: 'jsonb',
});

const TAGS = rowColumns<{ lead_id: string; tags: string[] }>({ lead_id: 'text', tags: 'jsonb' });

const ONCE = rowColumns<{ lead_id: string; key: string }>({ lead_id: 'text', key: 'text' });

export function routingMethods(db: SqlDb, wsKeys: WorkspaceKeys): RoutingMethods {
  const d = db.dialect;
  const toRouting = (r: RoutingRow): LeadRouting => ({
    owner: r.owner,
    tags: d.readJson(r.tags) as string[],
  });
  const mergeTags = `ON CONFLICT (ws, lead_id) DO UPDATE SET
    tags = ${d.jsonArrayAppendNew('lead_routing.tags', 'excluded.tags')},
    updated_at = excluded.updated_at`;
  const turns = async (ws: number, key: string, count: number) =>
    one(
      await db.get<{ turns: number }>(
        `INSERT INTO round_robin (ws, key, turns) VALUES (:ws, :key, :count)
         ON CONFLICT (ws, key) DO UPDATE SET turns = round_robin.turns + excluded.turns
         RETURNING turns`,
        { ws, key, count },
      ),
    ).turns;

  const methods: RoutingMethods = {
    async getLeadRouting(wsId, leadId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<RoutingRow>(
        `SELECT lead_id, owner, tags FROM lead_routing
         WHERE ws = :ws AND lead_id = :leadId`,
        { ws, leadId },
      );
      return row ? toRouting(row) : NEVER_ROUTED();
    },
    async setLeadOwner(ws, leadId, owner, now) {
      await methods.setLeadOwners(ws, [{ leadId, owner }], now);
    },
    async addLeadTags(ws, leadId, tags, now) {
      await methods.addLeadTagsMany(ws, [{ leadId, tags }], now);
    },
    async claimOnce(ws, leadId, key, now) {
      const [claimed] = await methods.claimOnceMany(ws, [{ leadId, key }], now);
      return claimed === true;
    },
    async nextRoundRobin(wsId, key, size) {
      const ws = await wsKeys.of(wsId);
      return ((await turns(ws, key, 1)) - 1) % size;
    },
    async getLeadRoutings(wsId, leadIds) {
      const ws = await wsKeys.of(wsId);
      const rows =
        leadIds.length === 0
          ? []
          : await db.all<RoutingRow>(
              `SELECT lead_id, owner, tags FROM lead_routing
               WHERE ws = :ws AND lead_id ${d.inList('ids')}`,
              { ws, ids: [...new Set(leadIds)] },
            );
      const byId = new Map(rows.map((r) => [r.lead_id, toRouting(r)]));
      return new Map(leadIds.map((id) => [id, byId.get(id) ?? NEVER_ROUTED()]));
    },
    async setLeadOwners(wsId, owners, now) {
      const ws = await wsKeys.of(wsId);
      // One row per lead in one statement: the last owner named wins, as one at a time.
      const last = new Map(owners.map((o) => [o.leadId, o.owner]));
      await db.insertMany({
        table: 'lead_routing',
        fixed: { ws, updated_at: now },
        columns: OWNER,
        rows: [...last].map(([lead_id, owner]) => ({ lead_id, owner, tags: [] })),
        conflict: `ON CONFLICT (ws, lead_id) DO UPDATE SET owner = excluded.owner,
          updated_at = excluded.updated_at`,
      });
    },
    async addLeadTagsMany(wsId, items, now) {
      const ws = await wsKeys.of(wsId);
      // Each lead's tags merged in order first, so that one statement sees each lead once.
      const merged = new Map<string, string[]>();
      for (const { leadId, tags } of items) {
        const list = merged.get(leadId) ?? [];
        for (const tag of tags) if (!list.includes(tag)) list.push(tag);
        merged.set(leadId, list);
      }
      await db.insertMany({
        table: 'lead_routing',
        fixed: { ws, owner: null, updated_at: now },
        columns: TAGS,
        rows: [...merged].map(([lead_id, tags]) => ({ lead_id, tags })),
        conflict: mergeTags,
      });
    },
    async claimOnceMany(wsId, claims, now) {
      const ws = await wsKeys.of(wsId);
      const pair = (c: { leadId: string; key: string }) => `${c.leadId}\u0000${c.key}`;
      const distinct = [...new Map(claims.map((c) => [pair(c), c])).values()];
      const won = new Set(
        (
          await db.insertMany<{ lead_id: string; key: string }, { lead_id: string; key: string }>({
            table: 'lead_once',
            fixed: { ws, at: now },
            columns: ONCE,
            rows: distinct.map((c) => ({ lead_id: c.leadId, key: c.key })),
            conflict: 'ON CONFLICT DO NOTHING',
            returning: 'lead_id, key',
          })
        ).map((r) => pair({ leadId: r.lead_id, key: r.key })),
      );
      // A pair named twice is claimed by its first mention only.
      return claims.map((c) => won.delete(pair(c)));
    },
    async nextRoundRobins(wsId, key, size, count) {
      const ws = await wsKeys.of(wsId);
      if (count === 0) return [];
      const first = (await turns(ws, key, count)) - count;
      return Array.from({ length: count }, (_, i) => (first + i) % size);
    },
  };
  return methods;
}
