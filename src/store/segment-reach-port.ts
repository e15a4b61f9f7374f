// The store method behind "conversion among leads that reached each segment": when each lead
// first entered each segment, from its score history.
export interface SegmentReach {
  leadId: string;
  segment: string;
  /** The first history entry with the lead in the segment. */
  at: number;
}

export interface SegmentReachMethods {
  /** One row per (lead, segment) the lead's history ever shows, for the given leads. */
  firstReached(ws: string, leadIds: readonly string[]): Promise<SegmentReach[]>;
}
