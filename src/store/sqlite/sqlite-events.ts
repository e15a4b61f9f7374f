// SQLite: the append-only event log, deduplicated per workspace by messageId.
import type { StoreTx } from '../port.js';
import type { NewEvent, StoredEvent } from '../records.js';
import { eventPage, streamEvents } from '../store-methods.js';
import { parseObject, type Sql } from './sqlite-db.js';

interface EventRow {
  seq: number;
  message_id: string;
  lead_id: string | null;
  anonymous_id: string | null;
  type: NewEvent['type'];
  name: string;
  time: number;
  received_at: number;
  payload: string;
}

const toEvent = (r: EventRow): StoredEvent => ({
  seq: r.seq,
  messageId: r.message_id,
  leadId: r.lead_id,
  anonymousId: r.anonymous_id,
  type: r.type,
  name: r.name,
  time: r.time,
  receivedAt: r.received_at,
  payload: parseObject(r.payload),
});

const COLUMNS = 'seq, message_id, lead_id, anonymous_id, type, name, time, received_at, payload';

type EventMethods = Pick<
  StoreTx,
  | 'insertEvent'
  | 'insertEvents'
  | 'eventsOfLead'
  | 'eventsOfLeadsPage'
  | 'streamEventsByLead'
  | 'countEvents'
>;

export function eventMethods(sql: Sql): EventMethods {
  const insertOne = (ws: string, e: NewEvent) => {
    const inserted = sql<{ seq: number }>(
      `INSERT INTO events (workspace_id, message_id, lead_id, anonymous_id, type, name, time,
         received_at, payload)
       VALUES (@ws, @messageId, @leadId, @anonymousId, @type, @name, @time, @receivedAt, @payload)
       ON CONFLICT (workspace_id, message_id) DO NOTHING
       RETURNING seq`,
    ).get({
      ws,
      messageId: e.messageId,
      leadId: e.leadId,
      anonymousId: e.anonymousId,
      type: e.type,
      name: e.name,
      time: e.time,
      receivedAt: e.receivedAt,
      payload: JSON.stringify(e.payload),
    });
    if (inserted) return { inserted: true, seq: inserted.seq };
    const existing = sql<{ seq: number }>(
      'SELECT seq FROM events WHERE workspace_id = @ws AND message_id = @messageId',
    ).get({ ws, messageId: e.messageId });
    if (!existing) throw new Error(`event ${e.messageId} neither inserted nor found`);
    return { inserted: false, seq: existing.seq };
  };

  const methods: EventMethods = {
    async insertEvent(ws, e) {
      return insertOne(ws, e);
    },
    async insertEvents(ws, events) {
      // The statements run synchronously in the caller's transaction: a loop is the bulk path.
      return events.map((e) => insertOne(ws, e));
    },
    async eventsOfLead(ws, leadId) {
      return sql<EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE workspace_id = @ws AND lead_id = @leadId
         ORDER BY time, seq`,
      )
        .all({ ws, leadId })
        .map(toEvent);
    },
    async eventsOfLeadsPage(ws, { after, limit }) {
      const rows = after
        ? sql<EventRow>(
            `SELECT ${COLUMNS} FROM events
             WHERE workspace_id = @ws AND lead_id IS NOT NULL
               AND (lead_id, time, seq) > (@leadId, @time, @seq)
             ORDER BY lead_id, time, seq LIMIT @limit`,
          ).all({ ws, leadId: after.leadId, time: after.time, seq: after.seq, limit })
        : sql<EventRow>(
            `SELECT ${COLUMNS} FROM events WHERE workspace_id = @ws AND lead_id IS NOT NULL
             ORDER BY lead_id, time, seq LIMIT @limit`,
          ).all({ ws, limit });
      return eventPage(rows.map(toEvent), limit);
    },
    streamEventsByLead(ws, { batchSize }) {
      return streamEvents((after) => methods.eventsOfLeadsPage(ws, { after, limit: batchSize }));
    },
    async countEvents(ws) {
      const row = sql<{ n: number }>(
        'SELECT count(*) AS n FROM events WHERE workspace_id = @ws',
      ).get({ ws });
      return row?.n ?? 0;
    },
  };
  return methods;
}
