// The store methods of a model version's history: each switch of the active version (so the
// periods a version was active can be told) and the last what-if (backtest) run for a version.
import type { JsonObject } from './records.js';

export interface ModelActivation {
  version: number;
  /** When the workspace switched to this version. */
  at: number;
}

export interface ModelWhatIf {
  version: number;
  /** When the what-if ended. */
  at: number;
  result: JsonObject;
}

export interface ModelHistoryMethods {
  /** Every switch of the active version (activateModel records them), oldest first. */
  listModelActivations(ws: string): Promise<ModelActivation[]>;
  /** Keeps the result as the version's last what-if, replacing the one before. */
  putModelWhatIf(ws: string, whatIf: ModelWhatIf): Promise<void>;
  getModelWhatIf(ws: string, version: number): Promise<ModelWhatIf | undefined>;
}
