// PostgreSQL: the append-only event log, deduplicated per workspace by messageId.
import type { StoreTx } from '../port.js';
import type { JsonObject, NewEvent, ScoringEventRow, StoredEvent } from '../records.js';
import { eventPage, nextPosition, streamEvents } from '../store-methods.js';
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
  | 'scoringEventsPage'
  | 'countEvents'
>;

/** A scoring row: payload key i comes as column `p<i>` (null when missing or JSON null). */
type ScoringRow = Pick<EventRow, 'seq' | 'message_id' | 'type' | 'name' | 'time'> & {
  lead_id: string;
} & Record<`p${number}`, unknown>;

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
    async scoringEventsPage(ws, { after, limit, types, payloadKeys, payloadFor }) {
      // `->` hands over only the keys asked for; the driver parses each one as JSON.
      const values: unknown[] = [ws, [...types], limit, ...payloadKeys];
      let wanted = '';
      // Only with keys to read: a parameter the statement does not use has no type.
      if (payloadFor && payloadKeys.length > 0) {
        // With the "C" collation lower() folds ASCII only, as JavaScript does there; past
        // printable ASCII, read anyway.
        wanted = `lower(btrim(name, ' ')) = ANY($${values.push([...payloadFor])}::text[])
          OR name ~ '[^ -~]'`;
      }
      const picks = payloadKeys
        .map((_, i) => {
          const pick = `payload -> $${i + 4}::text`;
          return `, ${wanted ? `CASE WHEN ${wanted} THEN ${pick} END` : pick} AS p${i}`;
        })
        .join('');
      let keyset = '';
      if (after) {
        const at = values.length;
        keyset = `AND (lead_id, time, seq) > ($${at + 1}, $${at + 2}, $${at + 3})`;
        values.push(after.leadId, after.time, after.seq);
      }
      const { rows } = await q<ScoringRow>(
        `SELECT seq, message_id, lead_id, type, name, time${picks} FROM events
         WHERE workspace_id = $1 AND lead_id IS NOT NULL AND type = ANY($2::text[]) ${keyset}
         ORDER BY lead_id, time, seq LIMIT $3`,
        values,
      );
      const events = rows.map((r): ScoringEventRow => {
        const payload: JsonObject = {};
        payloadKeys.forEach((key, i) => {
          const value = r[`p${i}`];
          if (value !== null && value !== undefined) payload[key] = value;
        });
        return {
          seq: r.seq,
          messageId: r.message_id,
          leadId: r.lead_id,
          type: r.type,
          name: r.name,
          time: r.time,
          payload,
        };
      });
      return { events, next: nextPosition(events, limit) };
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
