// A lead's visible state as a write-back channel writes it, read from the store when the
// delivery goes out (never from the message, which may be several changes old): score rounded
// to the channel's precision, grade, segment and stage from lead_scores, the owner from lead
// routing, and the e-mail trait the destination finds the record by.
import { createHash } from 'node:crypto';
import type { StoreTx } from '../../store/port.js';
import { SYNC_FIELDS, type SyncField, type SyncSettings } from './kind-settings.js';

export type SyncValues = Record<SyncField, string | number | null>;

export interface LeadSyncState {
  leadId: string;
  email: string | null;
  values: SyncValues;
  /** The values under the destination's names: what is written. */
  properties: Record<string, string | number | null>;
  /** Digest of what is written (names and values): equal digests need no new write. */
  hash: string;
}

export function roundScore(score: number, precision: number): number {
  const factor = 10 ** precision;
  return Math.round(score * factor) / factor;
}

/** The state of each lead that still exists (a lead erased since is left out). */
export async function readSyncStates(
  tx: StoreTx,
  ws: string,
  leadIds: readonly string[],
  settings: SyncSettings,
): Promise<Map<string, LeadSyncState>> {
  const ids = [...new Set(leadIds)];
  const [leads, scores, routings] = await Promise.all([
    tx.getLeads(ws, ids),
    tx.getScores(ws, ids),
    tx.getLeadRoutings(ws, ids),
  ]);
  const states = new Map<string, LeadSyncState>();
  for (const id of ids) {
    const lead = leads.get(id);
    if (!lead) continue;
    const score = scores.get(id);
    const values: SyncValues = {
      score: score ? roundScore(score.score, settings.precision) : null,
      grade: score?.grade ?? null,
      segment: score?.segment ?? null,
      stage: score?.stage ?? null,
      owner: routings.get(id)?.owner ?? null,
    };
    const properties: Record<string, string | number | null> = {};
    for (const field of SYNC_FIELDS) properties[settings.fields[field]] = values[field];
    const email = typeof lead.traits.email === 'string' ? lead.traits.email.trim() : '';
    states.set(id, {
      leadId: id,
      email: email === '' ? null : email,
      values,
      properties,
      hash: createHash('sha256').update(JSON.stringify(properties)).digest('hex'),
    });
  }
  return states;
}
