interface Pending<T> {
  item: T;
  size: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Gathers the items of concurrent callers into one flush, and settles each caller with the
 * outcome of the flush that carried its item. While one flush runs the next one fills up, so the
 * batch size follows the load: one item when idle, hundreds under a burst, no timer to tune.
 */
export class NaturalBatcher<T> {
  private queue: Pending<T>[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBatchSize: number,
    private readonly sizeOf: (item: T) => number = () => 1,
  ) {}

  submit(item: T): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.queue.push({ item, size: this.sizeOf(item), resolve, reject });
    });
    this.schedule();
    return done;
  }

  private schedule(): void {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    // Let the callers of this tick join the batch before it goes out.
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    const taken = this.take();
    try {
      await this.flush(taken.map((pending) => pending.item));
      taken.forEach((pending) => pending.resolve());
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      taken.forEach((pending) => pending.reject(failure));
    } finally {
      this.flushing = false;
      this.schedule();
    }
  }

  private take(): Pending<T>[] {
    const taken: Pending<T>[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (taken.length > 0 && size + next.size > this.maxBatchSize) break;
      taken.push(next);
      size += next.size;
      this.queue.shift();
    }
    return taken;
  }
}
