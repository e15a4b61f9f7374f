// PostgreSQL: event inserts, one or many, deduplicated by messageId in few statements.
import type { NewEvent } from '../records.js';
import type { Query } from './pg-db.js';

export interface InsertResult {
  inserted: boolean;
  seq: number;
}

/** Column, array type, and value of an event, in insert order. */
const FIELDS: [string, string, (e: NewEvent) => unknown][] = [
  ['message_id', 'text', (e) => e.messageId],
  ['lead_id', 'text', (e) => e.leadId],
  ['anonymous_id', 'text', (e) => e.anonymousId],
  ['type', 'text', (e) => e.type],
  ['name', 'text', (e) => e.name],
  ['time', 'int8', (e) => e.time],
  ['received_at', 'int8', (e) => e.receivedAt],
  ['payload', 'json', (e) => JSON.stringify(e.payload)],
];

const COLUMNS = FIELDS.map(([c]) => c).join(', ');

// ORDER BY ord hands out seq in input order: equal event times then keep arrival order.
const INSERT = `INSERT INTO events (workspace_id, ${COLUMNS})
  SELECT $1, ${COLUMNS}
  FROM unnest(${FIELDS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})
    WITH ORDINALITY AS t(${COLUMNS}, ord)
  ORDER BY ord
  ON CONFLICT (workspace_id, message_id) DO NOTHING
  RETURNING message_id, seq`;

/** Events per statement: bounded so the parameter arrays stay a few megabytes. */
const CHUNK = 2000;

export async function insertEvents(
  q: Query,
  ws: string,
  events: readonly NewEvent[],
): Promise<InsertResult[]> {
  // Only the first occurrence of a messageId in the batch can be the one inserted.
  const firsts = new Map<string, NewEvent>();
  for (const e of events) if (!firsts.has(e.messageId)) firsts.set(e.messageId, e);
  const unique = [...firsts.values()];
  const inserted = new Map<string, number>();
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK);
    const { rows } = await q<{ message_id: string; seq: number }>(INSERT, [
      ws,
      ...FIELDS.map(([, , get]) => chunk.map(get)),
    ]);
    for (const row of rows) inserted.set(row.message_id, row.seq);
  }
  const missing = unique.map((e) => e.messageId).filter((id) => !inserted.has(id));
  const existing = new Map<string, number>();
  if (missing.length > 0) {
    const { rows } = await q<{ message_id: string; seq: number }>(
      'SELECT message_id, seq FROM events WHERE workspace_id = $1 AND message_id = ANY($2::text[])',
      [ws, missing],
    );
    for (const row of rows) existing.set(row.message_id, row.seq);
  }
  const seen = new Set<string>();
  return events.map((e) => {
    const first = !seen.has(e.messageId);
    seen.add(e.messageId);
    const fresh = inserted.get(e.messageId);
    if (fresh !== undefined) return { inserted: first, seq: fresh };
    const seq = existing.get(e.messageId);
    if (seq === undefined) throw new Error(`event ${e.messageId} neither inserted nor found`);
    return { inserted: false, seq };
  });
}
