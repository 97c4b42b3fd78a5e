import { connect, Socket } from 'node:net';

/** What one slow connection saw: when it opened and closed (performance.now() ms). */
export interface SlowConnection {
  readonly openedAtMs: number;
  closedAtMs?: number;
  /** The first bytes the server answered with before closing (e.g. a 408). */
  answer: string;
}

/**
 * A slowloris client: opens a connection, sends `first`, then one more byte of `rest` every
 * `dripMs`, and never finishes on its own (stop() ends it from our side).
 */
export class SlowClient {
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly socket: Socket,
    readonly connection: SlowConnection,
  ) {}

  static open(
    port: number,
    bytes: { first: string; rest: string },
    dripMs: number,
  ): Promise<SlowClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        const client = new SlowClient(socket, { openedAtMs: performance.now(), answer: '' });
        client.start(bytes, dripMs);
        resolve(client);
      });
    });
  }

  get closed(): boolean {
    return this.connection.closedAtMs !== undefined;
  }

  private start(bytes: { first: string; rest: string }, dripMs: number): void {
    let next = 0;
    this.socket.on('data', (chunk: Buffer) => {
      if (this.connection.answer.length < 512) this.connection.answer += chunk.toString('latin1');
    });
    this.socket.once('close', () => {
      this.connection.closedAtMs = performance.now();
      clearInterval(this.timer);
    });
    this.socket.write(bytes.first);
    this.timer = setInterval(() => {
      if (next < bytes.rest.length) this.socket.write(bytes.rest[next++]);
    }, dripMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.socket.destroy();
  }
}

/** Opens `count` slow clients, `batch` connections at a time (the listen backlog is 511). */
export async function openSlowClients(
  count: number,
  open: () => Promise<SlowClient>,
  batch = 100,
): Promise<SlowClient[]> {
  const clients: SlowClient[] = [];
  for (let from = 0; from < count; from += batch) {
    const size = Math.min(batch, count - from);
    clients.push(...(await Promise.all(Array.from({ length: size }, open))));
  }
  return clients;
}
