// Batch scoring of a leads file and an events file: every lead scored by the core engine,
// every refused record reported with its file and line, in input order, in bounded memory.
import { stat } from 'node:fs/promises';
import type { CompiledModel } from '../../core/compile-model.js';
import type { LeadScore } from '../../core/lead-score.js';
import { scoreMatches } from '../../core/score-matches.js';
import { forEachCsvRecord } from '../../ingest/read-csv.js';
import type { Reject } from '../../ingest/reject.js';
import { LeadTable } from './lead-table.js';
import { EventTable } from './event-table.js';
import { readEventsParallel } from './read-events-parallel.js';

export type Phase = 'leads' | 'events' | 'scoring';

export interface ScoreFilesOptions {
  compiled: CompiledModel;
  leadsPath: string;
  eventsPath?: string | undefined;
  /** Epoch ms; events after it are ignored. */
  asOf: number;
  explain: boolean;
  /** Reader threads for the events file (default: up to 2, one per core). */
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
      threads: options.threads,
      onReject: reject,
      onBytes: options.onProgress,
    });
    summary.events.read = result.read;
    events = new EventTable(result.parts);
  }

  events.group(leads.size);
  options.onPhase?.('scoring', leads.size);
  for (let lead = 0; lead < leads.size; lead++) {
    const matches = events.matchesOf(lead, asOf, summary.events);
    const score = scoreMatches(compiled, leads.fitOf(lead), matches, asOf, {
      explain: options.explain,
    });
    summary.leads.scored++;
    const pending = options.onResult(leads.ids[lead] as string, score);
    if (pending) await pending;
    if ((lead & 0x3fff) === 0) options.onProgress?.(lead);
  }
  options.onProgress?.(leads.size);
  return summary;
}
