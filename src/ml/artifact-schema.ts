// The model artifact: versioned JSON with everything `predict` needs and the training report.
import { z } from 'zod';
import { bandsSchema } from './bands.js';
import { calibrationSchema } from './calibration.js';
import { driftBaselineSchema } from './drift-schema.js';
import { encodingSchema } from './encoding-schema.js';
import { boostedParamsSchema } from './gbdt.js';
import { linearParamsSchema } from './logistic-regression.js';
import { readinessSchema } from './readiness.js';

export const ARTIFACT_FORMAT = 'leadscore-predictive';
export const ARTIFACT_VERSION = 1;

const share = z.number().min(0).max(1);

export const reportSchema = z.strictObject({
  train: z.strictObject({ rows: z.number().int(), converted: z.number().int() }),
  holdout: z.strictObject({ rows: z.number().int(), converted: z.number().int() }),
  /**
   * The saved model was refitted on every labelled row (train and held-out) after the held-out
   * figures were taken: `rows` leads, `converted` of them. Absent from artifacts whose model is
   * the one evaluated on the held-out rows.
   */
  refit: z.strictObject({ rows: z.number().int(), converted: z.number().int() }).optional(),
  /** Rows without an outcome (empty target), left out of training. */
  unlabelled: z.number().int(),
  /** Columns left out: named by --exclude, or identifiers (values distinct or unique per row). */
  excluded: z.array(z.string()),
  /**
   * What training noticed in the data and a user may want to fix: identifiers left out, a
   * column read as categories because of a few values that are not numbers. Absent from
   * artifacts made before there were warnings.
   */
  warnings: z.array(z.string()).optional(),
  /** On the held-out rows; null where the held-out rows lack a converter or a non-converter. */
  metrics: z.strictObject({
    rocAuc: z.number().nullable(),
    prAuc: z.number().nullable(),
    logLoss: z.number(),
    brier: z.number(),
    liftTop10: z.number().nullable(),
    baseRate: share,
  }),
  calibration: z.array(
    z.strictObject({
      from: share,
      to: share,
      count: z.number().int(),
      predicted: share,
      observed: share,
    }),
  ),
  /** Columns by mean absolute contribution (log-odds) on the held-out rows. */
  influential: z.array(z.strictObject({ column: z.string(), meanAbsContribution: z.number() })),
  /**
   * Below SMALL_DATA_ROWS labelled rows: metrics and calibration above are from stratified
   * k-fold cross-validation over every labelled row (out-of-fold, calibrated), and the ROC AUC
   * is the mean of the folds' with this spread. Absent for larger data and older artifacts.
   */
  crossValidation: z
    .strictObject({
      folds: z.number().int(),
      seed: z.number().int(),
      rows: z.number().int(),
      converted: z.number().int(),
      rocAuc: z.strictObject({
        mean: z.number(),
        sd: z.number(),
        folds: z.array(z.number().nullable()),
      }),
      /**
       * The ROC AUC on the held-out split alone (the leads a backtest judges the version on),
       * kept for comparison: on so few leads it can be far from the cross-validated figure.
       */
      heldOutRocAuc: z.number().nullable(),
    })
    .optional(),
  /** The Platt scaling folded into the model (small data); absent when none was applied. */
  calibrated: calibrationSchema.optional(),
  /** Poor / fair / good / excellent from the ROC AUC; absent from older artifacts. */
  readiness: readinessSchema.optional(),
});

export const artifactSchema = z.strictObject({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.literal(ARTIFACT_VERSION),
  target: z.strictObject({ column: z.string(), positive: z.array(z.string()).min(1) }),
  encoding: encodingSchema,
  model: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('lr'), ...linearParamsSchema.shape }),
    z.strictObject({ kind: z.literal('gbdt'), ...boostedParamsSchema.shape }),
  ]),
  bands: bandsSchema,
  report: reportSchema,
  /**
   * The leads' distributions when the model was trained, against which drift is measured.
   * Absent from artifacts trained before it was kept (and from `leadscore train` files).
   */
  drift: driftBaselineSchema.optional(),
});

export type Artifact = z.infer<typeof artifactSchema>;
export type Report = z.infer<typeof reportSchema>;
export type ModelKind = Artifact['model']['kind'];
