// Changing a lead over the management API: new traits (rescored at once) and erasure.
import type { ErasureCounts, JsonObject, Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { refreshAccounts } from '../accounts/account-scoring.js';
import { refit } from '../scoring/lead-scoring.js';
import { noteAudit } from '../audit/audit-scope.js';

/** Merges the traits (given keys overwrite) and rescores the fit; false for an unknown lead. */
export async function updateTraits(
  store: Store,
  models: ActiveModels,
  ws: string,
  id: string,
  traits: JsonObject,
  now: number,
): Promise<boolean> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, [id]);
    if (!(await tx.getLead(ws, id))) return false;
    await tx.upsertLead(ws, id, traits, now);
    const scoring = await models.get(tx, ws);
    if (scoring) await refit(tx, ws, id, scoring, now, { cause: 'traits', causeRef: null });
    return true;
  });
}

/** What an erasure did: the records removed, and how many ids it newly suppressed. */
export interface Erasure {
  removed: ErasureCounts;
  suppressed: number;
}

/**
 * Erasure request: the lead and everything about it, its id and the anonymous ids linked to it
 * suppressed in the same transaction (so later calls cannot re-create it); undefined for an
 * unknown lead.
 */
export async function eraseLead(
  store: Store,
  models: ActiveModels,
  ws: string,
  id: string,
  now: number,
): Promise<Erasure | undefined> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, [id]);
    const lead = await tx.getLead(ws, id);
    if (!lead) return undefined;
    // Before the deletion, which removes the links to its anonymous ids.
    const suppressed = await tx.suppressLead(ws, id, now);
    const removed = await tx.deleteLead(ws, id);
    // Its company has one contact fewer now.
    const scoring = lead.companyId ? await models.get(tx, ws) : undefined;
    if (scoring && lead.companyId) await refreshAccounts(tx, ws, scoring, [lead.companyId], now);
    noteAudit(undefined, { removed, suppressed });
    return { removed, suppressed };
  });
}
