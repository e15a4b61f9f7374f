// The store methods for what a finished read-only job found (a backtest, an analytics report):
// one JSON document per job, kept apart from the job row so that job lists stay light.
import type { JsonObject } from './records.js';

export interface JobResultMethods {
  /** Sets (or replaces) the result of the workspace's job. */
  putJobResult(ws: string, jobId: string, result: JsonObject): Promise<void>;
  /** The job's result; undefined when it has none (yet). */
  getJobResult(ws: string, jobId: string): Promise<JsonObject | undefined>;
}
