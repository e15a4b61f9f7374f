// Before a model is saved: its e-mail and Slack actions must name channels of the workspace of
// their kind, and their templates must compile. Problems name the path (and the line, when the
// model came as text), like every other model error.
import { actionChannelProblems, messageActions } from '../../core/action-channels.js';
import { formatPath, ModelError, type ModelProblem } from '../../core/model-errors.js';
import type { Model } from '../../core/model-schema.js';
import type { Store } from '../../store/port.js';
import { templateProblem } from '../channels/templates/handlebars.js';

/** The line of a path such as `segments[0].actions[1].channel` in the model's text. */
export type LineOf = (path: string) => number | undefined;

/** Throws a ModelError listing every problem; nothing to check reads no channel. */
export async function checkModelChannels(
  store: Store,
  ws: string,
  model: Model,
  source: string,
  lineOf?: LineOf,
): Promise<void> {
  const actions = messageActions(model);
  if (actions.length === 0) return;
  const channels = await store.listChannels(ws);
  const problems: ModelProblem[] = actionChannelProblems(model, channels);
  for (const { path, action } of actions) {
    const templates =
      action.type === 'email'
        ? { subject: action.subject, template: action.template }
        : { text: action.text };
    for (const [key, source] of Object.entries(templates)) {
      const problem = source === undefined ? null : templateProblem(source);
      if (problem) problems.push({ path: formatPath([...path, key]), message: problem });
    }
  }
  if (problems.length === 0) return;
  throw new ModelError(
    source,
    problems.map((p) => {
      const line = lineOf?.(p.path);
      return line === undefined ? p : { ...p, line };
    }),
  );
}
