// The append-only event log, deduplicated per workspace by messageId: inserts in bulk, a lead's
// events, pages in lead order, and the rescore's narrow read of only what scoring needs.
import type { StoreTx } from '../port.js';
import type { JsonObject, NewEvent, ScoringEventRow } from '../records.js';
import { eventPage, nextPosition, streamEvents } from '../store-methods.js';
import { EVENT_COLUMNS, toEvent, type EventColumns } from './event-rows.js';
import { one, type Column, type SqlDb, type SqlParams } from './sql-db.js';
import type { WorkspaceKeys } from './workspace-keys.js';

const INSERTED: Column<NewEvent>[] = [
  { name: 'message_id', type: 'text', value: (e) => e.messageId },
  { name: 'lead_id', type: 'text', value: (e) => e.leadId },
  { name: 'anonymous_id', type: 'text', value: (e) => e.anonymousId },
  { name: 'type', type: 'text', value: (e) => e.type },
  { name: 'name', type: 'text', value: (e) => e.name },
  { name: 'time', type: 'bigint', value: (e) => e.time },
  { name: 'received_at', type: 'bigint', value: (e) => e.receivedAt },
  { name: 'payload', type: 'json', value: (e) => e.payload },
];

export interface InsertResult {
  inserted: boolean;
  seq: number;
}

/**
 * A scoring row, read as an array (no object per row): seq, message_id, lead_id, type, name,
 * time, then payload key i as JSON (SQL NULL when missing).
 */
type ScoringTuple = [number, string, string, NewEvent['type'], string, number, ...unknown[]];

type EventMethods = Pick<
  StoreTx,
  | 'insertEvent'
  | 'insertEvents'
  | 'eventsOfLead'
  | 'eventsOfLeadsPage'
  | 'streamEventsByLead'
  | 'scoringEventsPage'
  | 'countEvents'
>;

export function eventMethods(db: SqlDb, wsKeys: WorkspaceKeys): EventMethods {
  const d = db.dialect;

  const insertEvents = async (ws: number, events: readonly NewEvent[]) => {
    // Only the first occurrence of a messageId in the batch can be the one inserted.
    const firsts = new Map<string, NewEvent>();
    for (const e of events) if (!firsts.has(e.messageId)) firsts.set(e.messageId, e);
    const unique = [...firsts.values()];
    // The rows are inserted in input order, so equal event times keep their arrival order.
    const written = await db.insertMany<NewEvent, { message_id: string; seq: number }>({
      table: 'events',
      fixed: { ws },
      columns: INSERTED,
      rows: unique,
      conflict: 'ON CONFLICT (ws, message_id) DO NOTHING',
      returning: 'message_id, seq',
    });
    const inserted = new Map<string, number>();
    for (const row of written) inserted.set(row.message_id, row.seq);
    const existing = new Map<string, number>();
    if (inserted.size < unique.length) {
      const missing = unique.map((e) => e.messageId).filter((id) => !inserted.has(id));
      const rows = await db.all<{ message_id: string; seq: number }>(
        `SELECT message_id, seq FROM events
         WHERE ws = :ws AND message_id ${d.inList('missing')}`,
        { ws, missing },
      );
      for (const row of rows) existing.set(row.message_id, row.seq);
    }
    const seen = new Set<string>();
    return events.map((e): InsertResult => {
      const first = !seen.has(e.messageId);
      seen.add(e.messageId);
      const fresh = inserted.get(e.messageId);
      if (fresh !== undefined) return { inserted: first, seq: fresh };
      const seq = existing.get(e.messageId);
      if (seq === undefined) throw new Error(`event ${e.messageId} neither inserted nor found`);
      return { inserted: false, seq };
    });
  };

  const methods: EventMethods = {
    async insertEvent(wsId, e) {
      const ws = await wsKeys.of(wsId);
      const [result] = await insertEvents(ws, [e]);
      if (!result) throw new Error('expected one insert result');
      return result;
    },
    insertEvents: async (wsId, events) => insertEvents(await wsKeys.of(wsId), events),
    async eventsOfLead(wsId, leadId) {
      const ws = await wsKeys.of(wsId);
      const rows = await db.all<EventColumns>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ws = :ws AND lead_id = :leadId
         ORDER BY time, seq`,
        { ws, leadId },
      );
      return rows.map((r) => toEvent(d, r));
    },
    async eventsOfLeadsPage(wsId, { after, limit }) {
      const ws = await wsKeys.of(wsId);
      const rows = after
        ? await db.all<EventColumns>(
            `SELECT ${EVENT_COLUMNS} FROM events
             WHERE ws = :ws AND lead_id IS NOT NULL
               AND (lead_id, time, seq) > (:leadId, :time, :seq)
             ORDER BY lead_id, time, seq LIMIT :limit`,
            { ws, leadId: after.leadId, time: after.time, seq: after.seq, limit },
          )
        : await db.all<EventColumns>(
            `SELECT ${EVENT_COLUMNS} FROM events WHERE ws = :ws AND lead_id IS NOT NULL
             ORDER BY lead_id, time, seq LIMIT :limit`,
            { ws, limit },
          );
      return eventPage(
        rows.map((r) => toEvent(d, r)),
        limit,
      );
    },
    streamEventsByLead(ws, { batchSize }) {
      return streamEvents((after) => methods.eventsOfLeadsPage(ws, { after, limit: batchSize }));
    },
    async scoringEventsPage(wsId, { after, limit, types, payloadKeys, payloadFor }) {
      const ws = await wsKeys.of(wsId);
      if (types.length === 0) return { events: [], next: null };
      const params: Record<string, SqlParams[string]> = { ws, limit, types: [...types] };
      // Only the keys asked for leave the database, not the whole payload.
      payloadKeys.forEach((key, i) => (params[`k${i}`] = key));
      let picks = payloadKeys.map((_, i) => `, ${d.jsonValue('payload', `k${i}`)} AS p${i}`);
      if (payloadFor && payloadKeys.length > 0) {
        // lower() and trim() agree with JavaScript's on printable ASCII (PostgreSQL's text is
        // in the "C" collation); past it, read anyway.
        params.names = [...payloadFor];
        const wanted = `(lower(trim(name, ' ')) ${d.inList('names')} OR ${d.beyondAscii('name')})`;
        picks = payloadKeys.map(
          (_, i) => `, CASE WHEN ${wanted} THEN ${d.jsonValue('payload', `k${i}`)} END AS p${i}`,
        );
      }
      let keyset = '';
      if (after) {
        keyset = 'AND (lead_id, time, seq) > (:leadId, :time, :seq)';
        Object.assign(params, { leadId: after.leadId, time: after.time, seq: after.seq });
      }
      const rows = await db.tuples<ScoringTuple>(
        `SELECT seq, message_id, lead_id, type, name, time${picks.join('')} FROM events
         WHERE ws = :ws AND lead_id IS NOT NULL AND type ${d.inList('types')} ${keyset}
         ORDER BY lead_id, time, seq LIMIT :limit`,
        params,
      );
      const keys = payloadKeys.length;
      const events = rows.map((r): ScoringEventRow => {
        const payload: JsonObject = {};
        for (let i = 0; i < keys; i++) {
          const cell = r[6 + i];
          if (cell === null || cell === undefined) continue;
          // SQL NULL is a missing key, JSON null a null value: both left out.
          const value = d.readJson(cell);
          if (value !== null) payload[payloadKeys[i]!] = value;
        }
        return {
          seq: r[0],
          messageId: r[1],
          leadId: r[2],
          type: r[3],
          name: r[4],
          time: r[5],
          payload,
        };
      });
      return { events, next: nextPosition(events, limit) };
    },
    async countEvents(wsId) {
      const ws = await wsKeys.of(wsId);
      const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE ws = :ws', {
        ws,
      });
      return one(row).n;
    },
  };
  return methods;
}
