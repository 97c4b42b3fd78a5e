/** How much a part weighs: its messages and their encoded bytes. */
export interface BatchSize {
  readonly count: number;
  readonly bytes: number;
}

export interface BoundedBatcherOptions<T> {
  /**
   * Sends what `take` returns; calls it once, when the request can go out at once. Until then
   * the parts still wait (a caller's timeout drops them). A flush that fails without taking
   * fails the parts waiting then (as a failed request would have).
   */
  readonly flush: (take: () => T[]) => Promise<void>;
  readonly sizeOf: (item: T) => BatchSize;
  /** Most one flush carries (a single part larger than this goes alone). */
  readonly maxBatch: BatchSize;
  /** Most that may wait (not yet flushing); a caller beyond it is refused at once. */
  readonly maxQueued: BatchSize;
  /** The error of a caller refused because the queue is full. */
  readonly busy: () => Error;
  /** The error of a caller whose parts were not all flushed within its timeout. */
  readonly expired: (timeoutMs: number) => Error;
}

interface Caller {
  /** Parts not flushed yet (waiting or in flight). */
  remaining: number;
  /** Parts in a flush that has not settled. */
  inFlight: number;
  settled: boolean;
  /** Its timeout passed while a part was in flight: settled when that flush settles. */
  expired?: Error;
  timer?: NodeJS.Timeout;
  resolve: () => void;
  reject: (error: Error) => void;
}

export type WhenFull = 'refuse' | 'wait';

/** A caller's parts, waiting for room in the queue. */
interface Blocked<T> {
  readonly items: readonly T[];
  readonly sizes: readonly BatchSize[];
  readonly caller: Caller;
}

interface Part<T> {
  readonly item: T;
  readonly size: BatchSize;
  readonly caller: Caller;
}

/**
 * Gathers the parts of concurrent callers into one flush, and settles each caller once every
 * part of it was flushed (or with the first failure). While one flush runs the next one fills up,
 * so the batch size follows the load: one part when idle, hundreds under a burst, no timer to
 * tune. Bounded: a flush by count and bytes, the waiting parts by count and bytes (a caller over
 * the bound is refused at once), and a caller whose timeout passes takes its waiting parts with
 * it: they are never flushed. A caller is never settled while a part of it is in flight (a
 * timeout cannot tell whether a sent request will be written): nothing of a caller is flushed
 * after it was answered.
 */
export class BoundedBatcher<T> {
  /** Waiting parts in arrival order (a Map: removal of an expired caller's parts is O(1)). */
  private readonly queue = new Map<number, Part<T>>();
  private readonly partIds = new Map<Caller, Set<number>>();
  /** Callers waiting for room (`wait`), in arrival order. */
  private readonly blocked = new Set<Blocked<T>>();
  private nextId = 0;
  private queued = { count: 0, bytes: 0 };
  private flushing = false;

  constructor(private readonly options: BoundedBatcherOptions<T>) {}

  /**
   * The parts of one caller; resolves once all are flushed, rejects at its timeout. While the
   * waiting parts are at their bound the caller is refused at once (`refuse`), or waits for room
   * in arrival order within its timeout (`wait`: for callers whose items are in memory anyway,
   * such as a consumer's batch, which must not be refused forever).
   */
  submit(items: readonly T[], timeoutMs: number, whenFull: WhenFull = 'refuse'): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const sizes = items.map((item) => this.options.sizeOf(item));
    const admitted = this.blocked.size === 0 && this.admits(sizes);
    if (!admitted && whenFull === 'refuse') return Promise.reject(this.options.busy());
    const done = new Promise<void>((resolve, reject) => {
      const caller: Caller = {
        remaining: items.length,
        inFlight: 0,
        settled: false,
        resolve,
        reject,
      };
      caller.timer = setTimeout(
        () => this.expire(caller, this.options.expired(timeoutMs)),
        timeoutMs,
      );
      caller.timer.unref();
      const entry = { items, sizes, caller };
      if (admitted) this.enqueue(entry);
      else this.blocked.add(entry);
    });
    this.schedule();
    return done;
  }

  private enqueue({ items, sizes, caller }: Blocked<T>): void {
    const ids = new Set<number>();
    items.forEach((item, index) => {
      const id = this.nextId++;
      this.queue.set(id, { item, size: sizes[index], caller });
      this.add(sizes[index], 1);
      ids.add(id);
    });
    this.partIds.set(caller, ids);
  }

  /** Room was made: the callers waiting for it go in, in arrival order, while they fit. */
  private admitBlocked(): void {
    for (const entry of this.blocked) {
      if (!this.admits(entry.sizes)) break;
      this.blocked.delete(entry);
      this.enqueue(entry);
    }
  }

  /** What waits to be flushed (for metrics and tests). */
  get waiting(): BatchSize {
    return { ...this.queued };
  }

  /** An empty queue admits anything (a single oversized caller goes alone). */
  private admits(sizes: readonly BatchSize[]): boolean {
    if (this.queue.size === 0) return true;
    const { maxQueued } = this.options;
    const count = sizes.reduce((sum, size) => sum + size.count, this.queued.count);
    const bytes = sizes.reduce((sum, size) => sum + size.bytes, this.queued.bytes);
    return count <= maxQueued.count && bytes <= maxQueued.bytes;
  }

  private schedule(): void {
    if (this.flushing || this.queue.size === 0) return;
    this.flushing = true;
    // Let the callers of this tick join the batch before it goes out.
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    let taken: Part<T>[] | undefined;
    let failure: Error | undefined;
    try {
      await this.options.flush(() => {
        taken = this.take();
        return taken.map((part) => part.item);
      });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      taken ??= this.take();
    } finally {
      taken ??= [];
      for (const part of taken) this.landed(part.caller, failure);
      this.flushing = false;
      this.schedule();
    }
  }

  private take(): Part<T>[] {
    const { maxBatch } = this.options;
    const taken: Part<T>[] = [];
    let count = 0;
    let bytes = 0;
    for (const [id, part] of this.queue) {
      const over =
        count + part.size.count > maxBatch.count || bytes + part.size.bytes > maxBatch.bytes;
      if (taken.length > 0 && over) break;
      taken.push(part);
      count += part.size.count;
      bytes += part.size.bytes;
      this.queue.delete(id);
      this.add(part.size, -1);
      const waiting = this.partIds.get(part.caller);
      waiting?.delete(id);
      if (waiting?.size === 0) this.partIds.delete(part.caller);
      part.caller.inFlight += 1;
    }
    this.admitBlocked();
    return taken;
  }

  /** A flush carrying a part of `caller` settled (`failure` when it failed). */
  private landed(caller: Caller, failure: Error | undefined): void {
    caller.inFlight -= 1;
    if (failure) {
      this.fail(caller, failure);
    } else {
      caller.remaining -= 1;
    }
    if (caller.settled || caller.inFlight > 0) return;
    if (caller.remaining === 0) {
      // Everything of it is durable: a late success is still the truth.
      this.settle(caller);
      caller.resolve();
    } else if (caller.expired) {
      this.fail(caller, caller.expired);
    }
  }

  /** Its timeout: the waiting parts are dropped; answered now unless a part is in flight. */
  private expire(caller: Caller, error: Error): void {
    this.dropWaiting(caller);
    if (caller.inFlight > 0) {
      caller.expired = error;
    } else {
      this.fail(caller, error);
    }
  }

  /** Settles the caller with `error` (once its in-flight parts landed) and drops its waiting parts. */
  private fail(caller: Caller, error: Error): void {
    this.dropWaiting(caller);
    if (caller.settled) return;
    if (caller.inFlight > 0) {
      caller.expired ??= error;
      return;
    }
    this.settle(caller);
    caller.reject(error);
  }

  private settle(caller: Caller): void {
    caller.settled = true;
    clearTimeout(caller.timer);
  }

  private dropWaiting(caller: Caller): void {
    for (const entry of this.blocked) {
      if (entry.caller === caller) this.blocked.delete(entry);
    }
    for (const id of this.partIds.get(caller) ?? []) {
      const part = this.queue.get(id);
      if (!part) continue;
      this.queue.delete(id);
      this.add(part.size, -1);
    }
    this.partIds.delete(caller);
    this.admitBlocked();
  }

  private add(size: BatchSize, sign: 1 | -1): void {
    this.queued = {
      count: this.queued.count + sign * size.count,
      bytes: this.queued.bytes + sign * size.bytes,
    };
  }
}
