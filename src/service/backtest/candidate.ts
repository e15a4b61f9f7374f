// The model a backtest tries: a stored version, or a draft given as a model object or YAML text
// (validated like an upload, errors naming the field and line).
import { compileModel } from '../../core/compile-model.js';
import { parseModel, validateModel, type ModelInspector } from '../../core/parse-model.js';
import { StoreError, type Store } from '../../store/port.js';
import { predictiveDocumentSchema } from '../predictive/predictive-document.js';
import type { ActiveModels } from '../scoring/active-model.js';
import type { BacktestCandidate } from './backtest.js';

export type CandidateSource =
  { version: number } | { spec: unknown } | { yaml: string } | { predictiveVersion: number };

export async function loadCandidate(
  store: Store,
  models: ActiveModels,
  ws: string,
  source: CandidateSource,
  where: string,
  /** Checks a model given as YAML once parsed (a JSON `spec` was checked with its body). */
  inspect?: ModelInspector,
): Promise<BacktestCandidate> {
  if ('predictiveVersion' in source) {
    const version = source.predictiveVersion;
    const document = await store.getPredictiveModel(ws, version);
    if (!document) throw new StoreError('not_found', `no predictive model ${version}`);
    return { kind: 'predictive', version, document: predictiveDocumentSchema.parse(document) };
  }
  if ('version' in source) {
    const stored = await store.getModel(ws, source.version);
    if (!stored) throw new StoreError('not_found', `no model version ${source.version}`);
    return {
      kind: 'rules',
      version: source.version,
      compiled: models.compile(ws, source.version, stored.spec),
    };
  }
  const model =
    'yaml' in source
      ? parseModel(source.yaml, `${where}.yaml`, inspect)
      : validateModel(source.spec, `${where}.spec`);
  return { kind: 'rules', version: null, compiled: compileModel(model) };
}
