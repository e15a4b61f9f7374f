// The message of a segment's email or slack action: a `channel.email` / `channel.slack`
// notification for the named channel's queue, with the lead's card. An action that cannot be
// sent (an e-mail to the owner of a lead without one, a channel deleted since the model was
// saved) enqueues nothing and says so as a process warning (code LEADSCORE_ACTION_SKIPPED, on
// stderr) — the ingest path has no logger to hand, and the change itself must still commit.
import type { MessageAction } from '../../core/action-channels.js';
import type { CompiledModel } from '../../core/compile-model.js';
import type {
  Channel,
  HistoryEntry,
  JsonObject,
  NewNotification,
  StoreTx,
} from '../../store/port.js';
import { leadCard } from '../channels/lead-card.js';
import type { EmailMessage, SlackMessage } from '../channels/message-data.js';

export type ChannelsByName = Map<string, Channel>;

export const ACTION_SKIPPED = 'LEADSCORE_ACTION_SKIPPED';

export async function channelMessage(
  tx: StoreTx,
  ws: string,
  compiled: CompiledModel,
  entry: HistoryEntry,
  action: MessageAction,
  owner: string | null,
  where: { channels: () => Promise<ChannelsByName>; path: string },
): Promise<NewNotification | undefined> {
  const skip = (why: string) => {
    process.emitWarning(
      `${action.type} action ${where.path} for lead ${entry.leadId} not sent: ${why}`,
      { code: ACTION_SKIPPED },
    );
    return undefined;
  };
  const channel = (await where.channels()).get(action.channel);
  if (!channel || channel.kind !== action.type)
    return skip(`the workspace has no ${action.type} channel "${action.channel}"`);
  let to: string[] = [];
  if (action.type === 'email') {
    if (action.to === 'owner') {
      if (owner === null) return skip('the lead has no owner');
      if (!owner.includes('@')) return skip(`its owner "${owner}" is not an e-mail address`);
      to = [owner];
    } else to = action.to;
  }
  const lead = await leadCard(tx, ws, compiled, entry, owner);
  const data: EmailMessage | SlackMessage =
    action.type === 'email'
      ? {
          to,
          lead,
          ...(action.subject === undefined ? {} : { subject: action.subject }),
          ...(action.template === undefined ? {} : { template: action.template }),
        }
      : { lead, ...(action.text === undefined ? {} : { text: action.text }) };
  return {
    type: action.type === 'email' ? 'channel.email' : 'channel.slack',
    channelId: channel.id,
    leadId: entry.leadId,
    at: entry.at,
    data: data as unknown as JsonObject,
  };
}
