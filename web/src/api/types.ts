// The API's answers as the dashboard reads them (see /openapi.json and the dashboard contract):
// only the fields it shows; fields the API is still growing are optional.

export type Stage = 'tofu' | 'mofu' | 'bofu';

export interface LeadListItem {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  score: number | null;
  storedScore: number | null;
  grade: string | null;
  segment: string | null;
  stage: Stage | null;
  modelVersion: number | null;
  updatedAt: string;
  owner?: string | null;
  tags?: string[];
  lastActivityAt?: string | null;
  trend?: number[];
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Contribution {
  kind: 'criterion' | 'rule';
  id: string;
  category: string;
  points: number;
  afterCap: number;
  afterDecay: number;
  time?: string;
  messageId?: string;
}

export type Traits = Record<string, unknown>;

export interface Lead {
  id: string;
  traits: Traits;
  company: { id: string; traits: Traits } | null;
  owner: string | null;
  tags: string[];
  modelVersion: number | null;
  score: number | null;
  fit: number | null;
  engagement: number | null;
  grade: string | null;
  segment: string | null;
  stage: Stage | null;
  categories: Record<string, number>;
  contributions: Contribution[];
  /** The active predictive model's conversion probability, when one is active. */
  prediction?: Prediction | null;
  asOf: string;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  score: number;
  grade: string | null;
  segment: string;
  stage: Stage;
  at: string;
  cause: string;
  causeRef: string | null;
  modelVersion: number;
}

export interface LeadEvent {
  messageId: string;
  type: string;
  name: string | null;
  properties: Record<string, unknown>;
  timestamp: string;
  receivedAt: string;
}

export interface LifecycleMove {
  kind: string;
  from: string;
  to: string;
  reason: string | null;
  cause: string;
  by: string | null;
  value: number | null;
  currency: string | null;
  at: string;
}

export interface Lifecycle {
  leadId: string;
  stage: string;
  since: string;
  handover: { segment: string; at: string } | null;
  moves: LifecycleMove[];
}

export interface ModelSummary {
  version: number;
  name: string;
  createdAt: string;
  active: boolean;
}

export interface ModelList {
  active: number | null;
  items: ModelSummary[];
}

export interface ModelVersion {
  version: number;
  spec: Record<string, unknown>;
  createdAt: string;
  active: boolean;
}

export interface ModelProblem {
  path: string;
  message: string;
  line?: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job<R = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result?: R | null;
}

export interface JobStarted {
  jobId: string;
  job: Job;
}

export interface SegmentRate {
  segment: string;
  leads: number;
  converted: number;
  rate: number | null;
}

export interface RankingSide {
  auc: number | null;
  liftTop10: number | null;
  bySegment: SegmentRate[];
}

export interface CapacityPoint {
  threshold: number;
  leadsPerWeek: number;
  expectedConversionsPerWeek: number;
}

export interface BacktestResult {
  activeVersion: number | null;
  candidate: { version: number | null; name: string };
  leads: number;
  asOf: string;
  segments: string[];
  moves: { from: string | null; to: string | null; count: number }[];
  ranking: {
    known: number;
    converted: number;
    active: RankingSide | null;
    candidate: RankingSide;
  };
  capacity: null | {
    perWeek: number;
    weeks: number;
    threshold: number | null;
    leadsPerWeek: number;
    expectedConversionsPerWeek: number;
    curve: CapacityPoint[];
  };
}

export interface Distribution {
  total: number;
  scored: number;
  min: number | null;
  max: number | null;
  bins: { from: number; to: number; count: number }[];
  segments: { segment: string; count: number }[];
  grades: { grade: string | null; count: number }[];
  stages: { stage: Stage; count: number }[];
  thresholds: { segment: string; minScore: number | null }[];
}

export interface Funnel {
  leads: number;
  converted: number;
  stages: { stage: Stage; leads: number; converted: number; rate: number | null }[];
  segments: SegmentRate[];
}

export interface HandoverSegment {
  segment: string;
  handedOver: number;
  accepted: number;
  rejected: { total: number; byReason: Record<string, number> };
  pending: number;
  converted: number;
  convertedValue: number;
  medianHoursToAcceptance: number | null;
  p90HoursToAcceptance: number | null;
}

export interface HandoverReport {
  from: string;
  to: string;
  segments: HandoverSegment[];
}

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
}

export interface PredictiveModels {
  active: number | null;
  /** Metrics as the trainer names them (`rocAuc` or `auc`): read with metricsOf. */
  items: { version: number; kind: string; createdAt: string; metrics: unknown }[];
}

export interface Prediction {
  version: number;
  kind: string;
  probability: number;
  band: string | null;
  up: { label: string; contribution: number }[];
  down: { label: string; contribution: number }[];
}

export interface Webhook {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  messageId: string;
  type: string;
  leadId: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface ScorePoint {
  score: number;
  grade: string | null;
  segment: string;
  stage: Stage;
}

export interface Transition {
  leadId: string;
  at: string;
  cause: string;
  causeRef: string | null;
  from: ScorePoint | null;
  to: ScorePoint;
}

export interface ApiKey {
  id: string;
  kind: 'admin' | 'write';
  name: string | null;
  createdAt: string;
  revokedAt: string | null;
  prefix: string;
}

export interface CreatedKey {
  id: string;
  kind: 'admin' | 'write';
  name: string | null;
  key: string;
}

export const NOTIFICATION_TYPES = [
  'lead.segment_changed',
  'lead.stage_changed',
  'lead.grade_changed',
  'lead.qualified',
  'lead.assigned',
  'lead.feedback_recorded',
  'model.activated',
  'lead.segment_entered',
] as const;
