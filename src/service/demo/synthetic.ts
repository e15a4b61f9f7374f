// Seeded, deterministic generator of synthetic leads (CSV) and Segment track events, streamed to disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { activityTable, createRng, mix, pick, weighted, type Rng } from './synthetic-random.js';
import { EVENTS_CSV_HEADER, LEADS_HEADER, leadRow, pickShapes } from './synthetic-vocabulary.js';

export { EVENTS_CSV_HEADER, LEADS_HEADER };

export interface DatasetOptions {
  leads: number;
  /** Event lines to write, retries included (about 1% repeat an earlier line's messageId). */
  events: number;
  seed: number;
  /** Events fall in the `days` days before this instant. */
  start: Date;
  days: number;
  leadsPath: string;
  eventsPath: string;
  eventsFormat: 'ndjson' | 'csv';
  onProgress?: (done: number, total: number) => void;
}

export interface DatasetSizes {
  leadsBytes: number;
  eventsBytes: number;
}

const RETRY_RATE = 0.01;
const RETRY_WINDOW = 1024;
/** Share of lines remembered as candidates for a retry (copying every line costs time). */
const RETRY_KEEP = 0.125;
/**
 * Share of a lead's events that cluster within BURST_DAYS of a moment of its own (a campaign, a
 * buying cycle), so caps and decay meet bursts rather than an even trickle.
 */
const BURST = 0.5;
const BURST_DAYS = 10;
const CHUNK_BYTES = 1 << 20;
/** Room left after a full chunk: more than any one line needs. */
const LINE_RESERVE = 1024;
const DAY_MS = 86_400_000;
const JSON_HEAD = Buffer.from('{"type":"track","messageId":"');
const JSON_USER = Buffer.from('","userId":"L');
const JSON_TAIL = Buffer.from('"}\n');
const COMMA = ','.charCodeAt(0);
const DASH = '-'.charCodeAt(0);
const DOT = '.'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const LETTER_L = 'L'.charCodeAt(0);
const VARIANT = Buffer.from('8000-');
const HEX_DIGITS = Buffer.from('0123456789abcdef');

const OFFSETS = [0, 120, 60, -300, -480, 330, 600];
const pickOffset = weighted<number>([70, 8, 6, 7, 4, 3, 2].map((w, i) => [i, w] as const));
const OFFSET_TEXT = OFFSETS.map((minutes) => {
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
  return Buffer.from(minutes === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${hh}:${mm}`);
});

/**
 * Bytes appended into a large buffer that goes to the stream when full. Events are written
 * byte by byte rather than as strings: ten million small strings cost more in garbage
 * collection and rope flattening than everything else together.
 */
class Sink {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + LINE_RESERVE);
  private failure: Error | undefined;
  private readonly stream: WriteStream;
  at = 0;

  constructor(path: string) {
    // Several chunks may queue, so generating the next overlaps writing the last.
    this.stream = createWriteStream(path, { highWaterMark: 8 * CHUNK_BYTES });
    this.stream.on('error', (error) => (this.failure = error));
  }

  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  text(text: string): void {
    this.at += this.buffer.write(text, this.at);
  }

  bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  byte(code: number): void {
    this.buffer[this.at++] = code;
  }

  /** Decimal digits of `n`, left-padded with zeros to `width`. */
  digits(n: number, width: number): void {
    for (let i = this.at + width - 1; i >= this.at; i--) {
      this.buffer[i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += width;
  }

  hex(n: number, width: number): void {
    for (let i = this.at + width - 1; i >= this.at; i--) {
      this.buffer[i] = HEX_DIGITS[n & 15] as number;
      n >>>= 4;
    }
    this.at += width;
  }

  /** Copies bytes already written (from `from` to the end) into `target`; returns the length. */
  copyTail(from: number, target: Buffer, offset: number): number {
    return this.buffer.copy(target, offset, from, this.at);
  }

  copyFrom(source: Buffer, start: number, end: number): void {
    this.at += source.copy(this.buffer, this.at, start, end);
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const drained = this.stream.write(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES + LINE_RESERVE);
    this.at = 0;
    if (!drained) await once(this.stream, 'drain');
  }

  /** Flushes, closes and returns the bytes written. */
  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    return this.stream.bytesWritten;
  }
}

/** ISO-8601 text for an instant in one of OFFSETS; the date part comes from a table. */
function timeWriter(fromMs: number, toMs: number): (sink: Sink, utcMs: number, o: number) => void {
  const firstDay = Math.floor(fromMs / DAY_MS) - 1;
  const count = Math.ceil(toMs / DAY_MS) - firstDay + 2;
  const dates = Array.from({ length: count }, (_, i) =>
    Buffer.from(new Date((firstDay + i) * DAY_MS).toISOString().slice(0, 11)),
  );
  return (sink, utcMs, o) => {
    const local = utcMs + (OFFSETS[o] as number) * 60_000;
    const day = Math.floor(local / DAY_MS);
    let ms = local - day * DAY_MS;
    sink.bytes(dates[day - firstDay] as Buffer);
    sink.digits(Math.floor(ms / 3_600_000), 2);
    sink.byte(COLON);
    ms %= 3_600_000;
    sink.digits(Math.floor(ms / 60_000), 2);
    sink.byte(COLON);
    ms %= 60_000;
    sink.digits(Math.floor(ms / 1000), 2);
    sink.byte(DOT);
    sink.digits(ms % 1000, 3);
    sink.bytes(OFFSET_TEXT[o] as Buffer);
  };
}

/** A UUID-shaped id: random in front, the line number behind, so ids never collide by chance. */
function writeMessageId(sink: Sink, rng: Rng, seq: number): void {
  const a = uint32(rng);
  const b = uint32(rng);
  sink.hex(a, 8);
  sink.byte(DASH);
  sink.hex(b >>> 16, 4);
  sink.byte(DASH);
  sink.hex(0x4000 | (b & 0xfff), 4);
  sink.byte(DASH);
  sink.bytes(VARIANT);
  sink.hex(Math.floor(seq / 2 ** 32), 4);
  sink.hex(seq >>> 0, 8);
}
const uint32 = (rng: Rng): number => (rng() * 4294967296) >>> 0;

function checkOptions(o: DatasetOptions): void {
  for (const key of ['leads', 'events', 'seed'] as const) {
    if (!Number.isSafeInteger(o[key]) || o[key] < 0) {
      throw new RangeError(`${key}: expected a non-negative integer, got ${o[key]}`);
    }
  }
  if (o.events > 0 && o.leads === 0) throw new RangeError('events: need at least one lead');
  if (!(o.days > 0)) throw new RangeError(`days: expected a positive number, got ${o.days}`);
  if (Number.isNaN(o.start.getTime())) throw new RangeError('start: invalid date');
}

/** Writes `leads` lead rows and `events` event lines; the same options give the same bytes. */
export async function generateDataset(o: DatasetOptions): Promise<DatasetSizes> {
  checkOptions(o);
  const total = o.leads + o.events;
  const report = (done: number): void => o.onProgress?.(done, total);
  const width = Math.max(7, String(o.leads).length);

  const leadRng = createRng(o.seed, 0);
  const leads = new Sink(o.leadsPath);
  leads.text(`${LEADS_HEADER}\n`);
  for (let i = 0; i < o.leads; i++) {
    leads.text(leadRow(leadRng, `L${String(i + 1).padStart(width, '0')}`));
    if (leads.full) {
      await leads.flush();
      report(i + 1);
    }
  }
  const leadsBytes = await leads.close();
  report(o.leads);

  const pickLead = activityTable(createRng(o.seed, 1), o.leads);
  const rng = createRng(o.seed, 2);
  const endMs = o.start.getTime();
  const spanMs = Math.round(o.days * DAY_MS);
  const fromMs = endMs - spanMs;
  const burstSalt = mix(o.seed ^ 0x5bd1e995);
  const writeTime = timeWriter(fromMs, endMs);
  const csv = o.eventsFormat === 'csv';
  // Recent lines, kept so that retries can repeat one byte for byte.
  const recent = Buffer.alloc(RETRY_WINDOW * LINE_RESERVE);
  const recentLength = new Int32Array(RETRY_WINDOW);
  let kept = 0;
  const out = new Sink(o.eventsPath);
  if (csv) out.text(`${EVENTS_CSV_HEADER}\n`);
  for (let seq = 0; seq < o.events; seq++) {
    if (kept > 0 && rng() < RETRY_RATE) {
      const slot = Math.floor(rng() * Math.min(kept, RETRY_WINDOW)) * LINE_RESERVE;
      out.copyFrom(recent, slot, slot + (recentLength[slot / LINE_RESERVE] as number));
    } else {
      const lineStart = out.at;
      const lead = pickLead(rng()) + 1;
      const event = pick(rng, pickShapes(rng));
      let time = fromMs + Math.floor(rng() * spanMs);
      if (rng() < BURST) {
        const centre = fromMs + ((mix(lead ^ burstSalt) >>> 0) / 2 ** 32) * spanMs;
        const near = Math.floor(centre + (rng() - rng()) * BURST_DAYS * DAY_MS);
        if (near >= fromMs && near < endMs) time = near;
      }
      const offset = pickOffset(rng);
      if (csv) {
        out.byte(LETTER_L);
        out.digits(lead, width);
        out.bytes(event.csvName);
        writeTime(out, time, offset);
        out.byte(COMMA);
        writeMessageId(out, rng, seq);
        out.bytes(event.csvProps);
      } else {
        out.bytes(JSON_HEAD);
        writeMessageId(out, rng, seq);
        out.bytes(JSON_USER);
        out.digits(lead, width);
        out.bytes(event.json);
        writeTime(out, time, offset);
        out.bytes(JSON_TAIL);
      }
      if (rng() < RETRY_KEEP) {
        const slot = kept++ % RETRY_WINDOW;
        recentLength[slot] = out.copyTail(lineStart, recent, slot * LINE_RESERVE);
      }
    }
    if (out.full) {
      await out.flush();
      report(o.leads + seq + 1);
    }
  }
  const eventsBytes = await out.close();
  report(total);
  return { leadsBytes, eventsBytes };
}
