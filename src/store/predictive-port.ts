// The store methods for trained predictive models: versioned artifacts per workspace, at most one
// of them active (its probability shown beside each lead's score).
import type { JsonObject } from './records.js';

export interface PredictiveModelSummary {
  version: number;
  kind: string;
  createdAt: number;
  active: boolean;
  /** The held-out metrics of its training report. */
  metrics: JsonObject;
}

export interface PredictiveMethods {
  /**
   * Stores a trained model (its document: the artifact and what else training recorded) as the
   * next version, not active, with its held-out metrics; answers the version.
   */
  addPredictiveModel(
    ws: string,
    model: { kind: string; document: JsonObject; metrics: JsonObject },
    now: number,
  ): Promise<number>;
  /** Every version, oldest first, without the artifacts. */
  listPredictiveModels(ws: string): Promise<PredictiveModelSummary[]>;
  /** The version's document. */
  getPredictiveModel(ws: string, version: number): Promise<JsonObject | undefined>;
  /**
   * Makes the version the active one, or none with null; false when the version does not exist.
   */
  activatePredictiveModel(ws: string, version: number | null): Promise<boolean>;
  /** The active version and its document; undefined when none is. */
  activePredictiveModel(ws: string): Promise<{ version: number; document: JsonObject } | undefined>;
}
