// A FIFO async mutex: SQLite has one connection, so transactions must take turns.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs fn once every earlier caller's fn has settled. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release: () => void = () => undefined;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
