import { connect, Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const UNSUPPORTED = /\r\n(transfer-encoding|connection:[ \t]*close)/i;

/**
 * One keep-alive HTTP/1.1 connection with one request in flight, writing pre-serialised
 * requests and reading just the status and Content-Length of each answer. It costs the bench a
 * fraction of node:http's CPU, which matters when client and server share two cores; the
 * bench's answers (204, or a JSON error with Content-Length) are all it has to understand.
 */
export class Http1Connection {
  private received: Buffer = Buffer.alloc(0);
  private pending?: { resolve: (status: number) => void; reject: (error: Error) => void };
  private failure?: Error;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static open(port: number): Promise<Http1Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.off('error', reject);
        resolve(new Http1Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends one serialised request; resolves with the answer's status once it is fully read. */
  send(request: Buffer): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** False once the connection failed or the server closed it (e.g. its keep-alive timeout). */
  get usable(): boolean {
    return this.failure === undefined;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headerEnd = this.received.indexOf(HEADER_END);
    if (headerEnd < 0 || !this.pending) return;
    const head = this.received.toString('latin1', 0, headerEnd);
    if (UNSUPPORTED.test(head)) {
      this.fail(new Error(`answer the bench cannot read: ${head.split('\r\n')[0]}`));
      return;
    }
    const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
    const end = headerEnd + HEADER_END.length + length;
    if (this.received.length < end) return;
    this.received = this.received.subarray(end);
    const { resolve } = this.pending;
    this.pending = undefined;
    resolve(Number(head.slice(9, 12)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
    this.socket.destroy();
  }
}

/** A request as bytes on the wire: written once, before the clock starts. */
export function serialise(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Buffer {
  const lines = [`POST ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
