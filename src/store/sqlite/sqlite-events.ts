// SQLite: the append-only event log, deduplicated per workspace by messageId.
import type { StoreTx } from '../port.js';
import type { JsonObject, NewEvent, ScoringEventRow, StoredEvent } from '../records.js';
import { eventPage, nextPosition, streamEvents } from '../store-methods.js';
import { parseObject, type Params, type Sql } from './sqlite-db.js';

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

/**
 * A scoring row, read as an array (no object per row): seq, message_id, lead_id, type, name,
 * time, then payload key i as JSON text (SQL NULL when missing).
 */
type ScoringTuple = [
  number,
  string,
  string,
  NewEvent['type'],
  string,
  number,
  ...(string | null)[],
];

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
    async scoringEventsPage(ws, { after, limit, types, payloadKeys, payloadFor }) {
      if (types.length === 0) return { events: [], next: null };
      const params: Params = { ws, limit };
      types.forEach((type, i) => (params[`t${i}`] = type));
      // `->` reads one key without handing the whole payload to JavaScript; json_quote makes any
      // key a valid path, and SQLite evaluates it once per statement.
      payloadKeys.forEach((key, i) => (params[`k${i}`] = key));
      const pick = (i: number) => `payload -> ('$.' || json_quote(@k${i}))`;
      let picks = payloadKeys.map((_, i) => `, ${pick(i)} AS p${i}`);
      if (payloadFor) {
        // lower() and trim() agree with JavaScript's on printable ASCII; past it, read anyway.
        params.names = JSON.stringify(payloadFor);
        const wanted = `(lower(trim(name, ' ')) IN (SELECT value FROM json_each(@names))
          OR name GLOB '*[^ -~]*')`;
        picks = payloadKeys.map((_, i) => `, CASE WHEN ${wanted} THEN ${pick(i)} END AS p${i}`);
      }
      let keyset = '';
      if (after) {
        keyset = 'AND (lead_id, time, seq) > (@leadId, @time, @seq)';
        Object.assign(params, { leadId: after.leadId, time: after.time, seq: after.seq });
      }
      const rows = sql<ScoringTuple>(
        `SELECT seq, message_id, lead_id, type, name, time${picks.join('')} FROM events
         WHERE workspace_id = @ws AND lead_id IS NOT NULL
           AND type IN (${types.map((_, i) => `@t${i}`).join(', ')}) ${keyset}
         ORDER BY lead_id, time, seq LIMIT @limit`,
      )
        .raw(true)
        .all(params);
      const events = rows.map((r): ScoringEventRow => {
        const payload: JsonObject = {};
        payloadKeys.forEach((key, i) => {
          const value: unknown = r[6 + i];
          // SQL NULL is a missing key, 'null' JSON null: both left out.
          if (typeof value === 'string' && value !== 'null') payload[key] = JSON.parse(value);
        });
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
    async countEvents(ws) {
      const row = sql<{ n: number }>(
        'SELECT count(*) AS n FROM events WHERE workspace_id = @ws',
      ).get({ ws });
      return row?.n ?? 0;
    },
  };
  return methods;
}
