// Writing to a stream with backpressure: resolve at once unless the stream asks us to wait.
import type { Writable } from 'node:stream';

export function writeTo(stream: Writable, text: string): void | Promise<void> {
  if (stream.write(text)) return;
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    stream.once('drain', onDrain);
    stream.once('error', done);
  });
}

/** Ends a stream (a file or stdout) and waits until everything is flushed. */
export function finish(stream: Writable): Promise<void> {
  if (stream === process.stdout || stream === process.stderr) {
    return new Promise((resolve) => stream.write('', () => resolve()));
  }
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** Gathers small texts into large writes: one write per row costs more than the row itself. */
export class BufferedWriter {
  private pending = '';

  constructor(
    private readonly stream: Writable,
    private readonly threshold = 1 << 16,
  ) {}

  write(text: string): void | Promise<void> {
    this.pending += text;
    if (this.pending.length < this.threshold) return;
    return this.flush();
  }

  flush(): void | Promise<void> {
    const text = this.pending;
    this.pending = '';
    return text === '' ? undefined : writeTo(this.stream, text);
  }
}
