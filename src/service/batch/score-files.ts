// Batch scoring of a leads file and an events file: every lead scored by the core engine,
// every refused record reported with its file and line, in input order, in bounded memory.
import { stat } from 'node:fs/promises';
import type { CompiledModel } from '../../core/compile-model.js';
import { matchRules } from '../../core/event.js';
import type { LeadScore } from '../../core/lead-score.js';
import { scoreMatches } from '../../core/score-matches.js';
import { forEachCsvRecord } from '../../ingest/read-csv.js';
import type { Reject } from '../../ingest/reject.js';
import { readEvents } from './event-source.js';
import { LeadTable } from './lead-table.js';
import { MatchTable } from './match-table.js';
import { MessageIdSet } from './message-id-set.js';

export type Phase = 'leads' | 'events' | 'scoring';

export interface ScoreFilesOptions {
  compiled: CompiledModel;
  leadsPath: string;
  eventsPath?: string | undefined;
  /** Epoch ms; events after it are ignored. */
  asOf: number;
  explain: boolean;
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

  const matches = new MatchTable(options.explain);
  if (options.eventsPath !== undefined) {
    const file = options.eventsPath;
    const seen = new MessageIdSet(1 << 20);
    const ruleIndexes: number[] = [];
    options.onPhase?.('events', (await stat(file)).size);
    await readEvents(
      file,
      (parsed, line) => {
        summary.events.read++;
        if (!parsed.ok) {
          reject({ file, line, kind: 'event', reason: parsed.reason, leadId: parsed.leadId });
          return;
        }
        const { leadId, event } = parsed.value;
        const lead = leads.indexOf(leadId);
        if (lead === undefined) {
          reject({
            file,
            line,
            kind: 'event',
            leadId,
            reason: `lead "${leadId}" is not in the leads file`,
          });
          return;
        }
        if (event.messageId !== undefined && !seen.add(event.messageId)) {
          summary.events.duplicates++;
          return;
        }
        if (event.time > asOf) {
          summary.events.afterAsOf++;
          return;
        }
        const rules = matchRules(compiled, event);
        if (rules.length === 0) {
          summary.events.unmatched++;
          return;
        }
        summary.events.matched++;
        ruleIndexes.length = 0;
        for (const rule of rules) ruleIndexes.push(rule.index);
        matches.addEvent(lead, event.time, ruleIndexes, event.messageId);
      },
      options.onProgress,
    );
  }

  matches.group(leads.size);
  options.onPhase?.('scoring', leads.size);
  for (let lead = 0; lead < leads.size; lead++) {
    const score = scoreMatches(compiled, leads.fitOf(lead), matches.matchesOf(lead), asOf, {
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
