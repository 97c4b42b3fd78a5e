import { Http1Connection } from '../ingest/http1-connection';

/** What one steady-rate phase produced, per request (index in the phase). */
export interface OpenLoopResult {
  /** When each request was due (performance.now() ms): i / rate after the start. */
  dueMs: Float64Array;
  /** When its whole answer was read; NaN when none came. */
  answeredMs: Float64Array;
  /** HTTP status; 0 when the request failed without an answer. */
  statuses: Uint16Array;
  startedMs: number;
  /** When the last answer came (or the phase gave up). */
  endedMs: number;
}

/**
 * Open-loop load: request `i` is due at start + i / rate whatever happened to the others, and
 * goes out on an idle keep-alive connection, a new one (up to `maxConnections`), or waits in the
 * bench for the first connection free. Latency is counted from when the request was due, so a
 * slow server is not hidden by the bench sending less (no coordinated omission).
 */
export class OpenLoopDriver {
  private readonly idle: Http1Connection[] = [];
  private readonly all = new Set<Http1Connection>();
  private open = 0;

  constructor(
    private readonly port: number,
    private readonly maxConnections: number,
  ) {}

  /** Sends `wire` (serialised requests) at `rate` per second; resolves when all are answered. */
  run(wire: readonly Buffer[], rate: number, timeoutMs: number): Promise<OpenLoopResult> {
    const count = wire.length;
    const result: OpenLoopResult = {
      dueMs: new Float64Array(count),
      answeredMs: new Float64Array(count).fill(Number.NaN),
      statuses: new Uint16Array(count),
      startedMs: performance.now(),
      endedMs: Number.NaN,
    };
    const queue: number[] = [];
    let next = 0;
    let answered = 0;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    return new Promise((resolve) => {
      const finish = () => {
        finished = true;
        clearTimeout(timer);
        clearTimeout(deadline);
        result.endedMs = performance.now();
        resolve(result);
      };
      const deadline = setTimeout(() => {
        // Requests never sent or never answered stay status 0.
        next = count;
        queue.length = 0;
        this.close();
        finish();
      }, timeoutMs);
      const done = (index: number, status: number) => {
        if (finished) return;
        result.statuses[index] = status;
        result.answeredMs[index] = performance.now();
        answered += 1;
        if (answered === count) finish();
      };
      // A reused connection the server closed meanwhile (its 5 s keep-alive timeout) is retried
      // once on a new one, as an HTTP client does; a new connection that fails is a failure.
      const sendOn = (connection: Http1Connection, index: number, reused: boolean) => {
        connection.send(wire[index]).then(
          (status) => {
            done(index, status);
            const queued = queue.shift();
            if (queued !== undefined) sendOn(connection, queued, true);
            else this.idle.push(connection);
          },
          () => {
            this.open -= 1;
            this.all.delete(connection);
            if (reused && !finished) return dispatch(index, true);
            done(index, 0);
            const queued = queue.shift();
            if (queued !== undefined) dispatch(queued);
          },
        );
      };
      const idleConnection = (): Http1Connection | undefined => {
        for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
          if (connection.usable) return connection;
          this.open -= 1;
          this.all.delete(connection);
        }
        return undefined;
      };
      const dispatch = (index: number, retry = false) => {
        const connection = retry ? undefined : idleConnection();
        if (connection) return sendOn(connection, index, true);
        if (this.open >= this.maxConnections && !retry) return void queue.push(index);
        this.open += 1;
        Http1Connection.open(this.port).then(
          (opened) => {
            this.all.add(opened);
            sendOn(opened, index, false);
          },
          () => {
            this.open -= 1;
            done(index, 0);
          },
        );
      };
      const intervalMs = 1000 / rate;
      const tick = () => {
        const now = performance.now();
        while (next < count && result.startedMs + next * intervalMs <= now) {
          result.dueMs[next] = result.startedMs + next * intervalMs;
          dispatch(next);
          next += 1;
        }
        if (next < count) {
          timer = setTimeout(tick, Math.max(0, result.startedMs + next * intervalMs - now));
        }
      };
      tick();
    });
  }

  close(): void {
    for (const connection of this.all) connection.close();
    this.all.clear();
    this.idle.length = 0;
    this.open = 0;
  }
}
