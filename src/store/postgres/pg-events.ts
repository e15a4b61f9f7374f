// PostgreSQL: the append-only event log, deduplicated per workspace by messageId.
import type { StoreTx } from '../port.js';
import type { JsonObject, NewEvent, StoredEvent } from '../records.js';
import { eventPage, streamEvents } from '../store-methods.js';
import type { Query } from './pg-db.js';
import { one } from './pg-db.js';
import { insertEvents } from './pg-insert-events.js';

interface EventRow {
  seq: number;
  message_id: string;
  lead_id: string | null;
  anonymous_id: string | null;
  type: NewEvent['type'];
  name: string;
  time: number;
  received_at: number;
  payload: JsonObject;
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
  payload: r.payload,
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

export function eventMethods(q: Query): EventMethods {
  const methods: EventMethods = {
    async insertEvent(ws, e) {
      const [result] = await insertEvents(q, ws, [e]);
      if (!result) throw new Error('expected one insert result');
      return result;
    },
    insertEvents: (ws, events) => insertEvents(q, ws, events),
    async eventsOfLead(ws, leadId) {
      const { rows } = await q<EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE workspace_id = $1 AND lead_id = $2 ORDER BY time, seq`,
        [ws, leadId],
      );
      return rows.map(toEvent);
    },
    async eventsOfLeadsPage(ws, { after, limit }) {
      const { rows } = after
        ? await q<EventRow>(
            `SELECT ${COLUMNS} FROM events
             WHERE workspace_id = $1 AND lead_id IS NOT NULL AND (lead_id, time, seq) > ($2, $3, $4)
             ORDER BY lead_id, time, seq LIMIT $5`,
            [ws, after.leadId, after.time, after.seq, limit],
          )
        : await q<EventRow>(
            `SELECT ${COLUMNS} FROM events WHERE workspace_id = $1 AND lead_id IS NOT NULL
             ORDER BY lead_id, time, seq LIMIT $2`,
            [ws, limit],
          );
      return eventPage(rows.map(toEvent), limit);
    },
    streamEventsByLead(ws, { batchSize }) {
      return streamEvents((after) => methods.eventsOfLeadsPage(ws, { after, limit: batchSize }));
    },
    async countEvents(ws) {
      const result = await q<{ n: number }>(
        'SELECT count(*) AS n FROM events WHERE workspace_id = $1',
        [ws],
      );
      return one(result).n;
    },
  };
  return methods;
}
