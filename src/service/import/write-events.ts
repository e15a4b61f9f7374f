// One chunk of an events file stored in one transaction: events inserted in bulk (a messageId
// already stored is a duplicate), their leads created when unknown, and every lead that got a
// new event noted as pending for the final rescore. Nothing is scored here.
import type { JsonObject, NewEvent, StoreTx } from '../../store/port.js';
import type { EventRow } from './import-rows.js';
import type { ImportCounts } from './import-types.js';

export async function writeEvents(
  tx: StoreTx,
  ws: string,
  rows: readonly EventRow[],
  now: number,
  counts: ImportCounts,
): Promise<void> {
  const leadIds = [...new Set(rows.map((r) => r.leadId))];
  await tx.lockLeads(ws, leadIds);
  await tx.ensureLeads(ws, leadIds, now);
  const results = await tx.insertEvents(
    ws,
    rows.map((r) => toStore(r, now)),
  );
  const touched = new Set<string>();
  results.forEach((result, i) => {
    if (!result.inserted) {
      counts.duplicates++;
      return;
    }
    counts.created++;
    touched.add(rows[i]!.leadId);
  });
  await tx.markImportPending(ws, [...touched]);
}

/**
 * The stored form replays as the file was read: name, time and messageId in columns, the rest
 * (properties, context, any other field) in the payload.
 */
function toStore(row: EventRow, now: number): NewEvent {
  const { event } = row;
  return {
    messageId: event.messageId,
    leadId: row.leadId,
    anonymousId: row.anonymousId,
    type: row.type,
    name: event.event,
    time: event.time,
    receivedAt: now,
    payload: event as unknown as JsonObject,
  };
}
