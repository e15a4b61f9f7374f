// Conversion analytics over the stored leads as a read-only background job: the same analysis
// `leadscore analyze` prints for a file (overall rate, attributes by information value,
// behaviours, channels with cost per conversion when costs are given), plus what only the store
// knows: conversion among leads that reached each segment, and each channel's funnel.
import { analyze } from '../../analytics/analyze.js';
import type { Job, JsonObject, Store } from '../../store/port.js';
import { startReadOnlyJob } from '../jobs/read-only-job.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { CHANNEL, TARGET } from './lead-features.js';
import { channelFunnel, segmentReachTable } from './segment-reach.js';
import { storedDataset } from './stored-dataset.js';

export const ANALYTICS_JOB = 'analytics';

export interface StoredAnalyticsOptions {
  bins?: number;
  thresholds?: number[];
  /** Spend per channel, for cost per lead and per conversion. */
  costs?: Record<string, number>;
}

export function startAnalytics(
  store: Store,
  models: ActiveModels,
  ws: string,
  options: StoredAnalyticsOptions,
  clock: () => number,
): Promise<{ job: Job; running: Promise<void> }> {
  return startReadOnlyJob(store, ws, ANALYTICS_JOB, clock, async (progress) => {
    const stored = await storedDataset(store, models, ws, clock(), progress);
    const { dataset, behaviours, leads, ids, scores, outcomes } = stored;
    const costs = options.costs === undefined ? undefined : new Map(Object.entries(options.costs));
    const analysis = analyze(dataset, {
      target: TARGET,
      behaviours,
      channel: CHANNEL,
      ...(options.bins === undefined ? {} : { bins: options.bins }),
      ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
      ...(costs === undefined ? {} : { costs }),
    });
    const active = await models.get(store, ws);
    const segments = active?.compiled.segments.map((s) => s.id) ?? [];
    const reaches = await store.firstReached(ws, ids);
    const channel = dataset.columns.indexOf(CHANNEL);
    const funnel = channelFunnel(
      ids.map((id, i) => ({ id, channel: dataset.rows[i]![channel]!, score: scores[i]! })),
      segments,
      reaches,
      outcomes,
      costs,
    );
    progress(leads, leads);
    const result = {
      leads,
      ...analysis,
      segmentsReached: segmentReachTable(segments, reaches, outcomes, analysis.overall),
      channelFunnel: funnel,
    };
    // Rates of empty groups are NaN, which JSON has no word for: they become null.
    return JSON.parse(JSON.stringify(result)) as JsonObject;
  });
}
