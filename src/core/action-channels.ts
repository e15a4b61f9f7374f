// Which channels a model's e-mail and Slack actions name, and the problems of names that the
// workspace does not have (or has for another kind). Pure: the service passes the channels in.
import type { Model, SegmentAction } from './model-schema.js';
import { formatPath, type ModelProblem } from './model-errors.js';

export type MessageAction = Extract<SegmentAction, { type: 'email' | 'slack' }>;

/** A channel as the check sees it: its name and kind (`email`, `slack`, ...). */
export interface ChannelName {
  name: string;
  kind: string;
}

/** Every e-mail or Slack action of the model with its path (`segments[0].actions[1]`). */
export function messageActions(
  model: Model,
): { path: (string | number)[]; action: MessageAction }[] {
  const found: { path: (string | number)[]; action: MessageAction }[] = [];
  model.segments.forEach((segment, i) =>
    (segment.actions ?? []).forEach((action, j) => {
      if (action.type === 'email' || action.type === 'slack')
        found.push({ path: ['segments', i, 'actions', j], action });
    }),
  );
  return found;
}

/** The actions whose channel is unknown or of another kind than the action. */
export function actionChannelProblems(
  model: Model,
  channels: readonly ChannelName[],
): ModelProblem[] {
  const kinds = new Map(channels.map((c) => [c.name, c.kind]));
  const problems: ModelProblem[] = [];
  for (const { path, action } of messageActions(model)) {
    const kind = kinds.get(action.channel);
    const where = formatPath([...path, 'channel']);
    if (kind === undefined) {
      const known = channels.filter((c) => c.kind === action.type).map((c) => `"${c.name}"`);
      problems.push({
        path: where,
        message: `unknown channel "${action.channel}" (${action.type} channels: ${
          known.length > 0 ? known.join(', ') : 'none'
        })`,
      });
    } else if (kind !== action.type) {
      problems.push({
        path: where,
        message: `channel "${action.channel}" is of kind ${kind}; a ${action.type} action needs a ${action.type} channel`,
      });
    }
  }
  return problems;
}
