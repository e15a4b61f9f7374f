// Suggested points from the stored leads as a background job: fit criteria from their traits and
// behaviour rules from their event counts (before each outcome), as a model file to read, edit
// and upload; measured on the held-out fifth next to the active model.
import {
  suggest,
  heldOutFigures,
  heldOutSplit,
  type SuggestMethod,
} from '../../analytics/suggest.js';
import { behaviourOf } from '../../analytics/suggest-behaviours.js';
import { suggestionYaml } from '../../analytics/suggest-yaml.js';
import { parseModel } from '../../core/parse-model.js';
import type { Job, JsonObject, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { CHANNEL, SEGMENT, TARGET } from './lead-features.js';
import { storedDataset } from './stored-dataset.js';

export const SUGGEST_JOB = 'suggest';

export interface StoredSuggestOptions {
  method?: SuggestMethod;
  pdo?: number;
  minIv?: number;
  bins?: number;
}

export function startSuggest(
  store: Store,
  models: ActiveModels,
  ws: string,
  options: StoredSuggestOptions,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  return startReadOnlyJob(store, ws, SUGGEST_JOB, clock, async (progress) => {
    const { dataset, behaviours, leads } = await storedDataset(
      store,
      models,
      ws,
      clock(),
      progress,
    );
    const counted = behaviours.map(behaviourOf);
    const suggestion = suggest(dataset, {
      target: TARGET,
      // Neither is a trait a model can read: the channel is derived, the segment is the model's.
      exclude: [CHANNEL, SEGMENT],
      behaviours: counted,
      ...options,
    });
    const yaml = suggestionYaml(suggestion);
    // What is answered is what was measured: the text must load as the model it stands for.
    parseModel(yaml, 'suggested model');
    const active = await models.get(store, ws);
    const current = active
      ? heldOutFigures(active.compiled, dataset, heldOutSplit(dataset, TARGET), counted)
      : null;
    progress(leads, leads);
    const result = {
      leads,
      yaml,
      train: suggestion.train,
      heldOut: suggestion.heldOut,
      figures: { suggested: suggestion.figures, active: current },
      activeVersion: active?.version ?? null,
      attributes: suggestion.attributes.map((a) => ({
        name: a.name,
        iv: a.iv,
        criteria: a.groups.filter((g) => g.points !== 0).length,
      })),
      rules: suggestion.rules.map((r) => ({
        event: r.event,
        iv: r.iv,
        points: r.points,
        cap: r.cap,
      })),
    };
    return JSON.parse(JSON.stringify(result)) as JsonObject;
  });
}
