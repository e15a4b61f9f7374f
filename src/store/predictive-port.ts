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
  /** Stores a trained artifact as the next version (not active); answers the version. */
  addPredictiveModel(ws: string, kind: string, artifact: JsonObject, now: number): Promise<number>;
  /** Every version, oldest first, without the artifacts. */
  listPredictiveModels(ws: string): Promise<PredictiveModelSummary[]>;
  getPredictiveModel(ws: string, version: number): Promise<JsonObject | undefined>;
  /**
   * Makes the version the active one, or none with null; false when the version does not exist.
   */
  activatePredictiveModel(ws: string, version: number | null): Promise<boolean>;
  /** The active version and its artifact; undefined when none is. */
  activePredictiveModel(ws: string): Promise<{ version: number; artifact: JsonObject } | undefined>;
}
