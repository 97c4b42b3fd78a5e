import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy in front of an adapter that fails on purpose, like an overloaded gateway:
 * every `dropEvery`-th request gets a 503 without reaching the adapter, and every `loseEvery`-th
 * reaches it but its answer is replaced by a 503 (accepted, yet the platform must retry: the
 * retry is a duplicate). Everything else passes through.
 */
export class FlakyProxy {
  dropped = 0;
  lost = 0;
  private requests = 0;

  private constructor(
    private readonly server: Server,
    private readonly target: string,
    private readonly dropEvery: number,
    private readonly loseEvery: number,
  ) {}

  static async start(target: string, dropEvery: number, loseEvery: number): Promise<FlakyProxy> {
    const server = createServer();
    const proxy = new FlakyProxy(server, target, dropEvery, loseEvery);
    server.on('request', (request, response) => void proxy.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const n = ++this.requests;
    if (n % this.dropEvery === 0) {
      this.dropped += 1;
      return unavailable(response);
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' &&
          !['host', 'content-length', 'connection'].includes(entry[0]),
      ),
    );
    const answer = await fetch(new URL(request.url ?? '/', this.target), {
      method: request.method,
      headers,
      body: request.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (n % this.loseEvery === 0) {
      this.lost += 1;
      return unavailable(response);
    }
    const contentType = answer.headers.get('content-type');
    response.writeHead(answer.status, contentType ? { 'content-type': contentType } : {});
    response.end(body);
  }
}

function unavailable(response: ServerResponse): void {
  response.writeHead(503, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ code: 'PROXY.UNAVAILABLE', message: 'flaky proxy' }));
}
