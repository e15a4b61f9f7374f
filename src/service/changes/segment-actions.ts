// Segment actions: what the model says to do when a lead enters a segment (assign an owner by
// round robin or by a field, add a tag, send a notification, e-mail or post the lead's card to a
// channel), each optionally once per lead.
// A batch of transitions (a rescore switches thousands of leads over) is handled in a few
// statements with the outcome of taking the entries one at a time, in order: the once-only
// claims and the round-robin turns they would take are asked for together, owners and tags are
// worked out in memory in entry order and written together.
import { compileFieldReader } from '../../core/fields.js';
import type { CompiledModel } from '../../core/compile-model.js';
import type { SegmentAction } from '../../core/model-schema.js';
import type { HistoryEntry, LeadRouting, NewNotification, StoreTx } from '../../store/port.js';
import { leadRecord } from '../scoring/lead-record.js';
import { channelMessage, type ChannelsByName } from './channel-messages.js';

type Assign = Extract<SegmentAction, { type: 'assign' }>;

/** One action an entry sets off, in the order one-at-a-time processing would run it. */
interface Step {
  entry: number;
  index: number;
  action: SegmentAction;
  key: string;
}

/** The notifications of the actions of each entry (none for one that stayed in its segment). */
export async function runSegmentActions(
  tx: StoreTx,
  ws: string,
  compiled: CompiledModel,
  entries: readonly HistoryEntry[],
): Promise<NewNotification[][]> {
  const out: NewNotification[][] = entries.map(() => []);
  let steps = stepsOf(compiled, entries);
  if (steps.length === 0) return out;
  const now = entries[0]!.at;

  const onceSteps = steps.filter((s) => s.action.once);
  const claimed = await tx.claimOnceMany(
    ws,
    onceSteps.map((s) => ({ leadId: entries[s.entry]!.leadId, key: s.key })),
    now,
  );
  const refused = new Set(onceSteps.filter((_, i) => !claimed[i]));
  steps = steps.filter((s) => !refused.has(s));

  const turns = await roundRobinTurns(tx, ws, steps);
  const leadIds = [...new Set(steps.map((s) => entries[s.entry]!.leadId))];
  const routing = await tx.getLeadRoutings(ws, leadIds);
  const owners: { leadId: string; owner: string | null }[] = [];
  const tags: { leadId: string; tags: string[] }[] = [];
  const records = new Map<string, Record<string, unknown> | undefined>();
  // Read once per batch, and only when a message action fires.
  let channels: Promise<ChannelsByName> | undefined;
  const channelsByName = () =>
    (channels ??= tx.listChannels(ws).then((list) => new Map(list.map((c) => [c.name, c]))));

  for (const step of steps) {
    const entry = entries[step.entry]!;
    const { leadId } = entry;
    const base = { leadId, segment: entry.segment, action: step.index };
    const { action } = step;
    switch (action.type) {
      case 'assign': {
        const owner = action.owners
          ? action.owners[turns.get(step.key)!.shift()!]
          : await byField(tx, ws, leadId, action, records);
        if (owner === undefined) break;
        const current: LeadRouting = routing.get(leadId) ?? { owner: null, tags: [] };
        routing.set(leadId, { ...current, owner });
        owners.push({ leadId, owner });
        out[step.entry]!.push(
          notification('lead.assigned', entry, { ...base, owner, previousOwner: current.owner }),
        );
        break;
      }
      case 'tag':
        tags.push({ leadId, tags: [action.tag] });
        break;
      case 'notify':
        out[step.entry]!.push(
          notification('lead.segment_entered', entry, {
            ...base,
            message: action.message ?? null,
            score: entry.score,
            grade: entry.grade,
            stage: entry.stage,
          }),
        );
        break;
      case 'email':
      case 'slack': {
        const owner = routing.get(leadId)?.owner ?? null;
        const segment = compiled.model.segments.findIndex((s) => s.id === entry.segment);
        const message = await channelMessage(tx, ws, compiled, entry, action, owner, {
          channels: channelsByName,
          path: `segments[${segment}].actions[${step.index}]`,
        });
        if (message) out[step.entry]!.push(message);
        break;
      }
    }
  }
  await tx.setLeadOwners(ws, owners, now);
  await tx.addLeadTagsMany(ws, tags, now);
  return out;
}

/** Every action each entry sets off, entries in order and each segment's actions in order. */
function stepsOf(compiled: CompiledModel, entries: readonly HistoryEntry[]): Step[] {
  const steps: Step[] = [];
  entries.forEach((entry, e) => {
    if (entry.previous?.segment === entry.segment) return;
    const segment = compiled.model.segments.find((s) => s.id === entry.segment);
    (segment?.actions ?? []).forEach((action, index) =>
      steps.push({ entry: e, index, action, key: `${entry.segment}#${index}` }),
    );
  });
  return steps;
}

/** The round-robin turns the steps take, per key, in step order. */
async function roundRobinTurns(
  tx: StoreTx,
  ws: string,
  steps: readonly Step[],
): Promise<Map<string, number[]>> {
  const counts = new Map<string, { size: number; count: number }>();
  for (const { action, key } of steps) {
    if (action.type !== 'assign' || !action.owners) continue;
    const known = counts.get(key);
    counts.set(key, { size: action.owners.length, count: (known?.count ?? 0) + 1 });
  }
  const turns = new Map<string, number[]>();
  for (const [key, { size, count }] of counts)
    turns.set(key, await tx.nextRoundRobins(ws, key, size, count));
  return turns;
}

/** The owner an assign-by-field action picks for the lead (its record read once). */
async function byField(
  tx: StoreTx,
  ws: string,
  leadId: string,
  action: Assign,
  records: Map<string, Record<string, unknown> | undefined>,
): Promise<string | undefined> {
  if (!action.byField) return undefined;
  if (!records.has(leadId)) {
    const lead = await tx.getLead(ws, leadId);
    const company = lead?.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
    records.set(leadId, lead && leadRecord(lead.id, lead.traits, company?.traits));
  }
  const record = records.get(leadId);
  if (!record) return action.default;
  const value = compileFieldReader(action.byField)(record);
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
