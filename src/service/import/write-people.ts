// One chunk of a companies or leads file stored in one transaction: whole rows upserted (an
// identical row is a duplicate and writes nothing), the leads whose score may change noted as
// pending for the final rescore.
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject, StoreTx } from '../../store/port.js';
import type { CompanyRow, LeadRow } from './import-rows.js';
import type { ImportCounts } from './import-types.js';

export async function writeCompanies(
  tx: StoreTx,
  ws: string,
  rows: readonly CompanyRow[],
  now: number,
  counts: ImportCounts,
): Promise<void> {
  const stored = await tx.getCompanies(
    ws,
    rows.map((r) => r.id),
  );
  const working = new Map([...stored].map(([id, c]) => [id, c.traits]));
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
  await tx.putCompanies(
    ws,
    [...changed].map(([id, traits]) => ({ id, traits })),
    now,
  );
  // Their leads' fit reads these traits: they are scored again at the end.
  for (const id of changed.keys())
    if (stored.has(id)) await tx.markImportPending(ws, await tx.leadsOfCompany(ws, id));
}

export async function writeLeads(
  tx: StoreTx,
  ws: string,
  rows: readonly LeadRow[],
  now: number,
  counts: ImportCounts,
): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.id))];
  await tx.lockLeads(ws, ids);
  const stored = await tx.getLeads(ws, ids);
  const working = new Map(
    [...stored].map(([id, l]) => [id, { traits: l.traits, companyId: l.companyId }]),
  );
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
  await tx.putLeads(
    ws,
    [...changed].map(([id, lead]) => ({ id, ...lead })),
    now,
  );
  await tx.markImportPending(ws, [...changed.keys()]);
}
