// The API's answers as the dashboard reads them: types only, inferred (`z.infer`) from the
// server's route schemas, so a change to an answer is a type error here, never a silent twin.
// `import type` is erased from the bundle: no server code reaches the browser (the boundary
// rule in .dependency-cruiser.cjs allows nothing else from src/).
import type { ApiKeyView, IssuedApiKey } from '../../../src/api/schemas/api-key';
import type { BacktestResult } from '../../../src/api/schemas/backtest';
import type { ChannelTestResult, ChannelView } from '../../../src/api/schemas/channel';
import type { Distribution, Funnel } from '../../../src/api/schemas/dashboard-reports';
import type { JobStarted, JobWithResult } from '../../../src/api/schemas/job';
import type { LeadContribution, LeadResponse } from '../../../src/api/schemas/lead';
import type { LeadEventView } from '../../../src/api/schemas/lead-events';
import type { LeadHistoryEntry } from '../../../src/api/schemas/lead-history';
import type { LeadListEntry } from '../../../src/api/schemas/lead-list';
import type { LeadLifecycleView, LifecycleMoveView } from '../../../src/api/schemas/lifecycle';
import type { HandoverReport } from '../../../src/api/schemas/lifecycle-report';
import type { ModelDiff, ModelList, ModelVersionView } from '../../../src/api/schemas/model';
import type { Prediction, PredictiveList } from '../../../src/api/schemas/predictive';
import type { TransitionView } from '../../../src/api/schemas/transition';
import type { WebhookCreated, WebhookView } from '../../../src/api/schemas/webhook';
import type { WebhookDeliveryView } from '../../../src/api/schemas/webhook-delivery';

export type { Stage } from '../../../src/core/model-schema';
export type {
  BacktestResult,
  Distribution,
  Funnel,
  HandoverReport,
  JobStarted,
  Prediction,
  WebhookCreated,
};

export type LeadListItem = LeadListEntry;
export type Lead = LeadResponse;
export type Traits = Lead['traits'];
export type Contribution = LeadContribution;
export type HistoryEntry = LeadHistoryEntry;
export type LeadEvent = LeadEventView;
export type LifecycleMove = LifecycleMoveView;
export type Lifecycle = LeadLifecycleView;
export type { ModelDiff, ModelList };
export type ModelSummary = ModelList['items'][number];
export type ModelVersion = ModelVersionView;
export type PredictiveModels = PredictiveList;
export type Webhook = WebhookView;
type NotificationType = Webhook['eventTypes'][number];
export type WebhookDelivery = WebhookDeliveryView;
export type Channel = ChannelView;
export type ChannelKind = Channel['kind'];
export type { ChannelTestResult };
export type Transition = TransitionView;
export type ScorePoint = Transition['to'];
export type ApiKey = ApiKeyView;
export type CreatedKey = IssuedApiKey;
export type HandoverSegment = HandoverReport['segments'][number];
export type RankingSide = BacktestResult['ranking']['candidate'];
export type CapacityPoint = NonNullable<BacktestResult['capacity']>['curve'][number];
export type SegmentRate = Funnel['segments'][number];

/** A page of a cursor-paged list, as the list hooks read any of the `...Page` answers. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A job as polled, its result typed by the caller (the schema leaves results open). */
export type Job<R = unknown> = Omit<JobWithResult, 'result'> & { result?: R | null };
export type JobStatus = Job['status'];

/** A model problem in the `details` of an `invalid_model` error (the error schema leaves details open). */
export interface ModelProblem {
  path: string;
  message: string;
  line?: number;
}

// The results of analytics and training jobs: the server stores them as open JSON (no schema
// yet), so the dashboard reads them defensively, every field optional.
export interface Rate {
  leads: number;
  conversions: number;
  rate: number;
  low: number;
  high: number;
}

export interface AnalysisReport {
  overall?: Rate;
  attributes?: {
    name: string;
    kind: string;
    iv: number;
    rows: (Rate & { value: string; lift: number })[];
  }[];
  behaviours?: { behaviour: string; atLeast: number; did: Rate; didNot: Rate; lift: number }[];
  channel?: { column: string; rows: (Rate & { channel: string; lift: number })[] };
  channels?: { column: string; rows: (Rate & { channel: string; lift: number })[] };
}

export interface TrainingReport {
  version?: number;
  metrics?: Partial<Record<'auc' | 'prAuc' | 'logLoss' | 'brier' | 'liftTop10', number | null>>;
  roc?: { fpr: number; tpr: number }[];
  lift?: { fraction: number; lift: number }[];
  calibration?: { predicted: number; observed: number; count: number }[];
  topFeatures?: { feature: string; importance: number }[];
  /** Poor / fair / good / excellent, and why (a poor version needs an override to activate). */
  readiness?: Readiness;
  /** Below 2,000 labelled leads: the ROC AUC's spread over the cross-validation folds. */
  crossValidation?: { folds: number; rows: number; sd: number };
}

export type Readiness = PredictiveList['items'][number]['readiness'];

/** The notification types a subscription may pick: a value the dashboard needs at run time. */
export const NOTIFICATION_TYPES = [
  'lead.segment_changed',
  'lead.stage_changed',
  'lead.grade_changed',
  'lead.qualified',
  'lead.assigned',
  'lead.feedback_recorded',
  'model.activated',
  'lead.segment_entered',
] as const satisfies readonly NotificationType[];

/** Compiles only while the list above names every notification type the server has. */
type Exhaustive<Missing extends never> = Missing;
export type AllNotificationTypes = Exhaustive<
  Exclude<NotificationType, (typeof NOTIFICATION_TYPES)[number]>
>;

export type { PredictiveDrift } from '../../../src/api/schemas/predictive-drift';
export type { RetrainingRuns, RetrainingSchedule } from '../../../src/api/schemas/retraining';
