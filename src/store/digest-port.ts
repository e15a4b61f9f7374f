// The storage port's daily-digest reads: per workspace, the owned leads handed over in a period,
// the score changes of owned leads that reached given segments or a grade, and the hand-overs
// still awaiting acceptance. Each lists every owner's rows at once; the service groups them.
import type { DigestLead, DigestScoreEntry } from './digest-records.js';

export interface DigestContentMethods {
  /**
   * Hand-overs to sales (lifecycle entries `handed_over`) made in [from, to) of leads that have an
   * owner, by owner then time (`at`: the hand-over).
   */
  listOwnedHandOvers(ws: string, period: { from: number; to: number }): Promise<DigestLead[]>;
  /**
   * Score history entries in [from, to) of leads that have an owner whose segment is one of
   * `segments` or whose grade is `grade`, by owner then time (`at`: the entry's).
   */
  listOwnedScoreEntries(
    ws: string,
    query: { from: number; to: number; segments: readonly string[]; grade: string | null },
  ): Promise<DigestScoreEntry[]>;
  /**
   * Leads that have an owner, handed over and still awaiting acceptance (lifecycle stage `mql`)
   * since `before` or earlier, by owner then time (`at`: when the wait began).
   */
  listOwnedAwaiting(ws: string, query: { before: number }): Promise<DigestLead[]>;
}
