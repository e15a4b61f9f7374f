// Manual adjustments of a lead's score over the management API: listed, added and removed, each
// change saved with the lead's score in one transaction (history cause `manual`, transitions and
// notifications as for any change). Expiry is the decay sweep's (service/decay/sweep-due.ts).
import { randomUUID } from 'node:crypto';
import type { Adjustment } from '../../core/manual-adjustment.js';
import type { Store, StoreTx } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { readjust } from '../scoring/lead-scoring.js';
import { noteAudit } from '../audit/audit-scope.js';

export interface AdjustmentInput {
  points: number;
  reason: string;
  /** Epoch ms; null for never. */
  expiresAt: number | null;
}

/** The lead's adjustments, oldest first; undefined for an unknown lead. */
export async function leadAdjustments(
  store: Store,
  ws: string,
  leadId: string,
): Promise<Adjustment[] | undefined> {
  return store.transaction(async (tx) => {
    if (!(await tx.getLead(ws, leadId))) return undefined;
    return tx.listAdjustments(ws, leadId);
  });
}

/** Adds an adjustment made now by `author` and rescores; undefined for an unknown lead. */
export async function addAdjustment(
  store: Store,
  models: ActiveModels,
  ws: string,
  leadId: string,
  input: AdjustmentInput,
  author: string,
  now: number,
): Promise<Adjustment | undefined> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, [leadId]);
    if (!(await tx.getLead(ws, leadId))) return undefined;
    const adjustment: Adjustment = { id: randomUUID(), ...input, author, at: now };
    await tx.addAdjustment(ws, leadId, adjustment);
    noteAudit(undefined, { adjustment: adjustment.id, points: input.points });
    await rescore(tx, models, ws, leadId, adjustment.id, now);
    return adjustment;
  });
}

export type Removal = { lead: false } | { lead: true; removed: Adjustment | undefined };

/** Removes one adjustment of the lead and rescores. */
export async function removeAdjustment(
  store: Store,
  models: ActiveModels,
  ws: string,
  leadId: string,
  id: string,
  now: number,
): Promise<Removal> {
  return store.transaction(async (tx) => {
    await tx.lockLeads(ws, [leadId]);
    if (!(await tx.getLead(ws, leadId))) return { lead: false };
    const removed = await tx.deleteAdjustment(ws, leadId, id);
    if (removed) await rescore(tx, models, ws, leadId, id, now);
    return { lead: true, removed };
  });
}

async function rescore(
  tx: StoreTx,
  models: ActiveModels,
  ws: string,
  leadId: string,
  adjustmentId: string,
  now: number,
): Promise<void> {
  const scoring = await models.get(tx, ws);
  // No active model: the adjustment is kept and counts once a model scores the lead.
  if (!scoring) return;
  const manual = await tx.listAdjustments(ws, leadId);
  await readjust(tx, ws, leadId, scoring, manual, now, { cause: 'manual', causeRef: adjustmentId });
}
