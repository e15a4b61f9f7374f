// The score distribution report: the stored scores counted by the store in SQL, in the active
// model's order of segments and grades, with the score each segment starts at.
import { STAGES } from '../../core/model-schema.js';
import type { ScoreDistribution, Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { gradeNames, inModelOrder, segmentIds } from './model-order.js';

export interface DistributionReport extends ScoreDistribution {
  /** Each segment of the active model and the score it starts at (`min`, else `above`). */
  thresholds: { segment: string; minScore: number | null }[];
}

/** The counts and the active model read in one transaction, so they agree. */
export async function scoreDistributionReport(
  store: Store,
  models: ActiveModels,
  ws: string,
  bins: number,
): Promise<DistributionReport> {
  const { counts, model } = await store.transaction(async (tx) => ({
    counts: await tx.scoreDistribution(ws, { bins }),
    model: (await models.get(tx, ws))?.compiled.model,
  }));
  return {
    ...counts,
    segments: inModelOrder(
      counts.segments,
      (r) => r.segment,
      segmentIds(model),
      (segment) => ({
        segment,
        count: 0,
      }),
    ),
    grades: inModelOrder<ScoreDistribution['grades'][number], string | null>(
      counts.grades,
      (r) => r.grade,
      gradeNames(model),
      (grade) => ({ grade, count: 0 }),
    ),
    stages: inModelOrder(
      counts.stages,
      (r) => r.stage,
      STAGES,
      (stage) => ({ stage, count: 0 }),
    ),
    thresholds:
      model?.segments.map((s) => ({ segment: s.id, minScore: s.min ?? s.above ?? null })) ?? [],
  };
}
