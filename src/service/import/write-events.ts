// One chunk of an events file stored in one transaction: events inserted in bulk (a messageId
// already stored is a duplicate), their leads created when unknown, and every lead that got a
// new event noted as pending for the final rescore. Nothing is scored here. In a dry run the
// same outcome per row is found by lookups (stored messageIds, the plan so far) and nothing is
// written.
import type { JsonObject, NewEvent, StoreTx } from '../../store/port.js';
import type { DryRunState } from './dry-run-state.js';
import type { EventRow } from './import-rows.js';
import type { ImportCounts } from './import-types.js';

export async function writeEvents(
  tx: StoreTx,
  ws: string,
  rows: readonly EventRow[],
  now: number,
  counts: ImportCounts,
  dry?: DryRunState,
): Promise<void> {
  const leadIds = [...new Set(rows.map((r) => r.leadId))];
  if (dry) return planEvents(tx, ws, rows, now, counts, dry);
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

/** writeEvents without writing: the counts and the plan a real chunk would make. */
async function planEvents(
  tx: StoreTx,
  ws: string,
  rows: readonly EventRow[],
  now: number,
  counts: ImportCounts,
  dry: DryRunState,
): Promise<void> {
  const leadIds = [...new Set(rows.map((r) => r.leadId))];
  const stored = await tx.getLeads(ws, leadIds);
  // ensureLeads: an unknown lead is created empty.
  for (const id of leadIds)
    if (!stored.has(id) && !dry.leads.has(id))
      dry.leads.set(id, { traits: {}, companyId: null, createdAt: now });
  const seen = await tx.storedMessageIds(
    ws,
    rows.map((r) => r.event.messageId),
  );
  for (const row of rows) {
    const id = row.event.messageId;
    // insertEvents: a messageId stored, or earlier in the files, is a duplicate.
    if (seen.has(id) || dry.messageIds.has(id)) {
      counts.duplicates++;
      continue;
    }
    dry.messageIds.add(id);
    counts.created++;
    dry.pending.add(row.leadId);
  }
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
