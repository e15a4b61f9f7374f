// Segment actions: what the model says to do when a lead enters a segment (assign an owner by
// round robin or by a field, add a tag, send a notification), each optionally once per lead.
import { compileFieldReader } from '../../core/fields.js';
import type { CompiledModel } from '../../core/compile-model.js';
import type { SegmentAction } from '../../core/model-schema.js';
import type { HistoryEntry, NewNotification, StoreTx } from '../../store/port.js';
import { leadRecord } from '../scoring/lead-record.js';

/** Runs the actions of the segment `entry` entered (none when it stayed); answers their notifications. */
export async function runSegmentActions(
  tx: StoreTx,
  ws: string,
  compiled: CompiledModel,
  entry: HistoryEntry,
  now: number,
): Promise<NewNotification[]> {
  if (entry.previous?.segment === entry.segment) return [];
  const segment = compiled.model.segments.find((s) => s.id === entry.segment);
  const actions = segment?.actions ?? [];
  const out: NewNotification[] = [];
  for (const [i, action] of actions.entries()) {
    const key = `${entry.segment}#${i}`;
    if (action.once && !(await tx.claimOnce(ws, entry.leadId, key, now))) continue;
    const base = { leadId: entry.leadId, segment: entry.segment, action: i };
    switch (action.type) {
      case 'assign': {
        const owner = await ownerFor(tx, ws, entry.leadId, action, key);
        if (owner === undefined) break;
        const previous = (await tx.getLeadRouting(ws, entry.leadId)).owner;
        await tx.setLeadOwner(ws, entry.leadId, owner, now);
        out.push(notification('lead.assigned', entry, { ...base, owner, previousOwner: previous }));
        break;
      }
      case 'tag':
        await tx.addLeadTags(ws, entry.leadId, [action.tag], now);
        break;
      case 'notify':
        out.push(
          notification('lead.segment_entered', entry, {
            ...base,
            message: action.message ?? null,
            score: entry.score,
            grade: entry.grade,
            stage: entry.stage,
          }),
        );
        break;
    }
  }
  return out;
}

async function ownerFor(
  tx: StoreTx,
  ws: string,
  leadId: string,
  action: Extract<SegmentAction, { type: 'assign' }>,
  key: string,
): Promise<string | undefined> {
  if (action.owners) return action.owners[await tx.nextRoundRobin(ws, key, action.owners.length)];
  if (!action.byField) return undefined;
  const lead = await tx.getLead(ws, leadId);
  if (!lead) return action.default;
  const company = lead.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
  const value = compileFieldReader(action.byField)(
    leadRecord(lead.id, lead.traits, company?.traits),
  );
  const picked =
    typeof value === 'string' || typeof value === 'number'
      ? action.map?.[String(value)]
      : undefined;
  return picked ?? action.default;
}

function notification(
  type: NewNotification['type'],
  entry: HistoryEntry,
  data: NewNotification['data'],
): NewNotification {
  return { type, leadId: entry.leadId, at: entry.at, data };
}
