// One chunk of a companies or leads file stored in one transaction: whole rows upserted (an
// identical row is a duplicate and writes nothing), the leads whose score may change noted as
// pending for the final rescore. In a dry run the same plan is counted and kept in memory only.
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, StoreTx } from '../../store/port.js';
import type { DryRunState } from './dry-run-state.js';
import type { CompanyRow, LeadRow } from './import-rows.js';
import type { ImportCounts } from './import-types.js';

export async function writeCompanies(
  tx: StoreTx,
  ws: string,
  rows: readonly CompanyRow[],
  now: number,
  counts: ImportCounts,
  dry?: DryRunState,
): Promise<void> {
  const ids = rows.map((r) => r.id);
  const stored = await tx.getCompanies(ws, ids);
  const working = new Map([...stored].map(([id, c]) => [id, c.traits]));
  for (const id of ids) {
    const planned = dry?.companies.get(id);
    if (planned !== undefined) working.set(id, planned);
  }
  // Companies there before this chunk (stored, or by an earlier chunk of the dry run).
  const before = new Set(working.keys());
  const changed = new Map<string, JsonObject>();
  for (const row of rows) {
    const old = working.get(row.id);
    const traits = { ...old, ...row.traits } as JsonObject;
    if (old !== undefined && isDeepStrictEqual(old, traits)) {
      counts.duplicates++;
      continue;
    }
    if (old === undefined) counts.created++;
    else counts.updated++;
    working.set(row.id, traits);
    changed.set(row.id, traits);
  }
  if (dry) {
    for (const [id, traits] of changed) dry.companies.set(id, traits);
    // Only companies there before this chunk can have leads in the store to score again.
    for (const id of changed.keys())
      if (before.has(id)) for (const lead of await tx.leadsOfCompany(ws, id)) dry.pending.add(lead);
    return;
  }
  await tx.putCompanies(
    ws,
    [...changed].map(([id, traits]) => ({ id, traits })),
    now,
  );
  // Their leads' fit reads these traits: they are scored again at the end.
  for (const id of changed.keys())
    if (before.has(id)) await tx.markImportPending(ws, await tx.leadsOfCompany(ws, id));
}

export async function writeLeads(
  tx: StoreTx,
  ws: string,
  rows: readonly LeadRow[],
  now: number,
  counts: ImportCounts,
  dry?: DryRunState,
): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.id))];
  if (!dry) await tx.lockLeads(ws, ids);
  const stored = await tx.getLeads(ws, ids);
  const working = new Map(
    [...stored].map(([id, l]) => [id, { traits: l.traits, companyId: l.companyId }]),
  );
  for (const id of ids) {
    const planned = dry?.leads.get(id);
    if (planned !== undefined)
      working.set(id, { traits: planned.traits, companyId: planned.companyId });
  }
  const changed = new Map<string, { traits: JsonObject; companyId: string | null }>();
  for (const row of rows) {
    const old = working.get(row.id);
    // Traits merge shallowly, as an identify call's do; a row without a company keeps the one
    // the lead has.
    const next = {
      traits: { ...old?.traits, ...row.traits } as JsonObject,
      companyId: row.companyId ?? old?.companyId ?? null,
    };
    if (old !== undefined && isDeepStrictEqual(old, next)) {
      counts.duplicates++;
      continue;
    }
    if (old === undefined) counts.created++;
    else counts.updated++;
    working.set(row.id, next);
    changed.set(row.id, next);
  }
  if (dry) {
    for (const [id, lead] of changed) {
      const createdAt = stored.get(id)?.createdAt ?? dry.leads.get(id)?.createdAt ?? now;
      dry.leads.set(id, { ...lead, createdAt });
      dry.pending.add(id);
    }
    return;
  }
  await tx.putLeads(
    ws,
    [...changed].map(([id, lead]) => ({ id, ...lead })),
    now,
  );
  await tx.markImportPending(ws, [...changed.keys()]);
}
