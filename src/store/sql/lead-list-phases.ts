// Which index walks make one page of the lead list sorted by score, from where the cursor stands.
// The list orders (COALESCE(score, NO_SCORE), id): scored leads by (score, id), and unscored
// leads, which all sort as NO_SCORE, by id. Each group is read in its own index order (scored
// from lead_scores, unscored from leads), the group sorting first read first.

export interface ScorePhase {
  /** Scored leads (score row present) or unscored ones (none). */
  kind: 'scored' | 'unscored';
  /**
   * Whether the walk starts past the cursor (value, id): scored ones by (score, id) beyond it,
   * unscored ones by id beyond it; otherwise the whole group lies beyond the cursor.
   */
  afterCursor: boolean;
}

/**
 * The phases to read, in list order, for a page after a cursor at `value` (none: the first page).
 * Exactly the rows with (COALESCE(score, noScore), id) beyond (value, id) in the direction.
 */
export function scoreSortPhases(
  direction: 'asc' | 'desc',
  value: number | undefined,
  noScore: number,
): ScorePhase[] {
  const scored: ScorePhase = { kind: 'scored', afterCursor: value !== undefined };
  const order = direction === 'desc' ? ['scored', 'unscored'] : ['unscored', 'scored'];
  const phases: ScorePhase[] = [];
  for (const kind of order) {
    if (kind === 'scored') {
      phases.push(scored);
      continue;
    }
    if (value === undefined) phases.push({ kind: 'unscored', afterCursor: false });
    // The unscored leads' (noScore, id) against the cursor's (value, id).
    else if (value === noScore) phases.push({ kind: 'unscored', afterCursor: true });
    else if (direction === 'desc' ? value > noScore : value < noScore) {
      phases.push({ kind: 'unscored', afterCursor: false });
    }
    // Otherwise every unscored lead lies before the cursor: none left to read.
  }
  return phases;
}
