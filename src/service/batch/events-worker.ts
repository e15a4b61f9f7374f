// A reader thread of a batch run: parses its share of the events file, checks each event,
// matches it against the model's rules, and hands back compact columns and the rejects.
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from '../../core/compile-model.js';
import { matchRules } from '../../core/event.js';
import type { Model } from '../../core/model-schema.js';
import { readEvents } from './event-source.js';
import { EventCollector, type EventColumns } from './event-table.js';
import { messageHash } from './message-hash.js';

export interface WorkerInput {
  model: Model;
  leadIds: string[];
  path: string;
  range: { start: number; end: number } | undefined;
  keepMessageIds: boolean;
}

export interface WorkerReject {
  line: number;
  reason: string;
  leadId: string | undefined;
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; columns: EventColumns; rejects: WorkerReject[]; read: number; lines: number };

async function run(input: WorkerInput): Promise<void> {
  const compiled = compileModel(input.model);
  const leads = new Map<string, number>();
  input.leadIds.forEach((id, i) => leads.set(id, i));
  const collector = new EventCollector(input.keepMessageIds);
  const rejects: WorkerReject[] = [];
  let read = 0;
  let reported = 0;
  const lines = await readEvents(
    input.path,
    (parsed, line) => {
      read++;
      if (!parsed.ok) {
        rejects.push({ line, reason: parsed.reason, leadId: parsed.leadId });
        return;
      }
      const { leadId, event } = parsed.value;
      const lead = leads.get(leadId);
      if (lead === undefined) {
        rejects.push({ line, reason: `lead "${leadId}" is not in the leads file`, leadId });
        return;
      }
      const id = event.messageId;
      collector.add(
        lead,
        event.time,
        id === undefined ? 0 : messageHash(id),
        matchRules(compiled, event),
        id,
      );
    },
    (bytes) => {
      if (bytes - reported < 1 << 23) return;
      parentPort?.postMessage({
        type: 'progress',
        bytes: bytes - reported,
      } satisfies WorkerMessage);
      reported = bytes;
    },
    input.range,
  );
  const columns = collector.finish();
  const message: WorkerMessage = { type: 'done', columns, rejects, read, lines };
  const { lead, time, hash, ruleEnd, rules } = columns;
  // Moved, not copied: these are fresh slices, so their buffers are plain ArrayBuffers.
  const buffers = [lead, time, hash, ruleEnd, rules].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage(message, buffers);
}

await run(workerData as WorkerInput);
