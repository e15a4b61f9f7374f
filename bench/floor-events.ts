// Seeded synthetic track calls for the storage floor, shaped as bench/ingest-request.cjs sends
// them to the server (names in turn, uniform leads, the same properties), so the floor writes
// what /v1/batch stores; seeded (the project's sfc32) rather than Math.random so that two runs
// write the same leads and flags. That hook cannot import TypeScript, hence the twin shape.
import { createRng } from '../src/service/demo/synthetic-random.js';

export interface FloorEvent {
  messageId: string;
  /** The lead's external id, as `userId`. */
  leadId: string;
  name: string;
  /** What the service stores: the call as received with its properties and context. */
  payload: string;
  /** Whether this event makes a visible change (segment, grade, stage...): a stored history row. */
  visible: boolean;
}

const NAMES = [
  'Email Opened',
  'Email Link Clicked',
  'Page Viewed',
  'Asset Downloaded',
  'Webinar Registered',
];

/** The bench's lead ids: `L` and the number over seven digits, as the generated leads.csv. */
export const leadIdOf = (n: number): string => `L${String(n).padStart(7, '0')}`;

export interface EventStreamOptions {
  seed: number;
  /** One independent stream per concurrent writer. */
  stream: number;
  leads: number;
  /** Share of the events that make a visible change (0 to 1). */
  visibleShare: number;
  /** Only leads in this hash partition (lead number modulo `of` equals `index`), when given. */
  partition?: { index: number; of: number };
}

/** Returns a function answering the next `count` events of the stream. */
export function eventStream(o: EventStreamOptions): (count: number, now: number) => FloorEvent[] {
  const rng = createRng(o.seed, o.stream);
  const part = o.partition ?? { index: 0, of: 1 };
  const inPartition = Math.ceil((o.leads - part.index) / part.of);
  if (inPartition < 1) throw new RangeError(`partition ${part.index} of ${part.of} has no leads`);
  const prefix = `f${o.stream}-${((rng() * 2 ** 32) >>> 0).toString(16).padStart(8, '0')}`;
  let sent = 0;
  return (count, now) => {
    const timestamp = new Date(now).toISOString();
    return Array.from({ length: count }, () => {
      sent++;
      const leadId = leadIdOf(1 + part.index + part.of * Math.floor(rng() * inPartition));
      const messageId = `${prefix}-${sent}`;
      const name = NAMES[sent % NAMES.length] as string;
      const payload = JSON.stringify({
        type: 'track',
        messageId,
        userId: leadId,
        event: name,
        properties: { campaign: 'bench', path: '/pricing' },
        timestamp,
        context: {},
      });
      return { messageId, leadId, name, payload, visible: rng() < o.visibleShare };
    });
  };
}
