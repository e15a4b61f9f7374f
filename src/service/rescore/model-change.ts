// The score history of an activation: what each lead showed before the switch (its stored score
// read with the version that wrote it, decayed to the activation's time) and the entry recording
// a change a user would see, with cause 'model'.
import type { HistoryEntry, LeadScoreRow, StoreTx } from '../../store/port.js';
import type { ActiveModels, ActiveScoring } from '../scoring/active-model.js';
import { readAt, type ScoredRow } from '../scoring/lead-scoring.js';
import { isVisibleChange, summarize, type ScoreSummary } from '../scoring/score-change.js';

export class PreviousScores {
  /** Stored versions compiled; null for one that is gone or no longer compiles. */
  private readonly versions = new Map<number, ActiveScoring | null>();

  constructor(
    private readonly models: ActiveModels,
    private readonly ws: string,
    private readonly now: number,
  ) {}

  /**
   * The row's visible figures as of now; the stored columns (as of its `scoredAt`) when the
   * version that wrote it is unknown. `reader` is the store, or the transaction in use.
   */
  async of(reader: Pick<StoreTx, 'getModel'>, row: LeadScoreRow): Promise<ScoreSummary> {
    const scoring = await this.version(reader, row.modelVersion);
    if (!scoring)
      return { score: row.score, grade: row.grade, segment: row.segment, stage: row.stage };
    return summarize(readAt(scoring, row.state, this.now).score);
  }

  private async version(
    reader: Pick<StoreTx, 'getModel'>,
    version: number,
  ): Promise<ActiveScoring | null> {
    const known = this.versions.get(version);
    if (known !== undefined) return known;
    const stored = await reader.getModel(this.ws, version);
    let scoring: ActiveScoring | null = null;
    try {
      if (stored)
        scoring = { version, compiled: this.models.compile(this.ws, version, stored.spec) };
    } catch {
      // A stored spec that no longer validates: its figures can only be taken as stored.
    }
    this.versions.set(version, scoring);
    return scoring;
  }
}

/** The history entry for the lead's switch to the version, if a user would see a change. */
export function modelChangeEntry(
  scoring: ActiveScoring,
  previous: ScoreSummary | undefined,
  next: ScoredRow,
  now: number,
): HistoryEntry | undefined {
  const summary = summarize(next.score);
  if (!isVisibleChange(previous, summary)) return undefined;
  return {
    leadId: next.row.leadId,
    at: now,
    cause: 'model',
    causeRef: String(scoring.version),
    modelVersion: scoring.version,
    ...summary,
    previous: previous ?? null,
  };
}
