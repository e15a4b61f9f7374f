// Batch scoring of a leads file and an events file: every lead scored by the core engine,
// every refused record reported with its file and line, in input order, in bounded memory.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { CompiledModel } from '../../core/compile-model.js';
import type { LeadScore } from '../../core/lead-score.js';
import { forEachCsvRecord } from '../../ingest/read-csv.js';
import type { Reject } from '../../ingest/reject.js';
import { LeadTable } from './lead-table.js';
import { loadScore } from './compact-scores.js';
import { EventTable } from './event-table.js';
import { scoreRange } from './score-range.js';
import type { ScoreWorkerInput, ScoreWorkerResult } from './score-worker.js';
import { resultOf, startThread } from './thread.js';
import { readEventsParallel } from './read-events-parallel.js';

/** Below this many leads, starting a scoring thread costs more than it saves. */
const PARALLEL_SCORING_LEADS = 50_000;

export type Phase = 'leads' | 'events' | 'scoring';

export interface ScoreFilesOptions {
  compiled: CompiledModel;
  leadsPath: string;
  eventsPath?: string | undefined;
  /** Epoch ms; events after it are ignored. */
  asOf: number;
  explain: boolean;
  /** Threads for reading events and scoring (default: up to 2, one per core; 1: none). */
  threads?: number | undefined;
  onReject: (reject: Reject) => void;
  /** Called once per scored lead, in input order; a returned promise is awaited (backpressure). */
  onResult: (id: string, score: LeadScore) => void | Promise<void>;
  onPhase?: (phase: Phase, total: number) => void;
  onProgress?: (done: number) => void;
}

export interface ScoreFilesSummary {
  leads: { read: number; scored: number; rejected: number };
  events: {
    read: number;
    rejected: number;
    duplicates: number;
    afterAsOf: number;
    unmatched: number;
    matched: number;
  };
}

export async function scoreFiles(options: ScoreFilesOptions): Promise<ScoreFilesSummary> {
  const { compiled, asOf } = options;
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const summary: ScoreFilesSummary = {
    leads: { read: 0, scored: 0, rejected: 0 },
    events: { read: 0, rejected: 0, duplicates: 0, afterAsOf: 0, unmatched: 0, matched: 0 },
  };
  const reject = (r: Reject) => {
    summary[r.kind === 'lead' ? 'leads' : 'events'].rejected++;
    options.onReject(r);
  };

  const leads = new LeadTable(compiled);
  options.onPhase?.('leads', (await stat(options.leadsPath)).size);
  await forEachCsvRecord(options.leadsPath, {
    required: ['id'],
    onBytes: options.onProgress,
    onError: (line, reason) => {
      summary.leads.read++;
      reject({ file: options.leadsPath, line, kind: 'lead', reason });
    },
    onRecord: (record, line) => {
      summary.leads.read++;
      const id = (record.id ?? '').trim();
      if (id === '') {
        reject({ file: options.leadsPath, line, kind: 'lead', reason: 'no id' });
        return;
      }
      const added = leads.add(id, record, line);
      if (!added.ok) {
        reject({
          file: options.leadsPath,
          line,
          kind: 'lead',
          leadId: id,
          reason: `duplicate id "${id}" (first on line ${added.firstLine})`,
        });
      }
    },
  });

  let events = new EventTable([]);
  if (options.eventsPath !== undefined) {
    const file = options.eventsPath;
    options.onPhase?.('events', (await stat(file)).size);
    const result = await readEventsParallel({
      model: compiled.model,
      leadIds: leads.ids,
      path: file,
      keepMessageIds: options.explain,
      threads,
      onReject: reject,
      onBytes: options.onProgress,
    });
    summary.events.read = result.read;
    events = new EventTable(result.parts);
  }

  events.group(leads.size);
  options.onPhase?.('scoring', leads.size);
  const fits = leads.fitColumns();
  const emit = (lead: number, score: LeadScore) => {
    summary.leads.scored++;
    if ((lead & 0x3fff) === 0) options.onProgress?.(lead);
    return options.onResult(leads.ids[lead] as string, score);
  };
  // The second half of the leads is scored on another thread while this one scores (and
  // writes) the first; explanations stay on this thread, which keeps the messageIds.
  const split = !options.explain && threads > 1 && leads.size >= PARALLEL_SCORING_LEADS;
  const middle = split ? Math.floor(leads.size / 2) : leads.size;
  const other = split
    ? resultOf<ScoreWorkerResult>(
        startThread('score-worker', {
          model: compiled.model,
          fits,
          events: events.grouped(),
          from: middle,
          to: leads.size,
          asOf,
        } satisfies ScoreWorkerInput),
      )
    : undefined;
  const range = { from: 0, to: middle, asOf, explain: options.explain };
  await scoreRange(compiled, fits, events, range, summary.events, emit);
  if (other) {
    const { scores, counts } = await other;
    for (const key of ['duplicates', 'afterAsOf', 'unmatched', 'matched'] as const) {
      summary.events[key] += counts[key];
    }
    for (let lead = middle; lead < leads.size; lead++) {
      const pending = emit(lead, loadScore(compiled, scores, lead - middle));
      if (pending) await pending;
    }
  }
  options.onProgress?.(leads.size);
  return summary;
}
