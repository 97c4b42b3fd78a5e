import { Agent, request } from 'node:http';
import { Http1Connection, serialise } from './http1-connection';
import type { BenchRequest } from './webhook-requests';

/** What one phase of load produced: a latency and a status per request. */
export interface PhaseResult {
  route: string;
  elapsedMs: number;
  latenciesMs: Float64Array;
  /** HTTP status per request; 0 when the request failed without an answer. */
  statuses: Uint16Array;
}

/** `raw`: pre-serialised requests on node:net (lean); `node-http`: node:http with keep-alive. */
export type BenchClient = 'raw' | 'node-http';

type Send = (index: number) => Promise<number>;

/**
 * Closed-loop load: `connections` keep-alive HTTP/1.1 connections on loopback, each with one
 * request in flight, until every prepared request is answered; then it stops.
 */
export class LoadDriver {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    private readonly connections: number,
    private readonly client: BenchClient,
  ) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
    });
  }

  async run(route: string, requests: readonly BenchRequest[]): Promise<PhaseResult> {
    const senders = await this.senders(route, requests);
    const latenciesMs = new Float64Array(requests.length);
    const statuses = new Uint16Array(requests.length);
    let next = 0;
    const worker = async (send: Send) => {
      for (let index = next++; index < requests.length; index = next++) {
        const started = performance.now();
        statuses[index] = await send(index).catch(() => 0);
        latenciesMs[index] = performance.now() - started;
      }
    };
    const started = performance.now();
    await Promise.all(senders.map(({ send }) => worker(send)));
    const elapsedMs = performance.now() - started;
    senders.forEach(({ close }) => close());
    return { route, elapsedMs, latenciesMs, statuses };
  }

  close(): void {
    this.agent.destroy();
  }

  /** One sender per connection, connected (and requests serialised) before the clock starts. */
  private async senders(route: string, requests: readonly BenchRequest[]) {
    if (this.client === 'node-http') {
      return Array.from({ length: this.connections }, () => ({
        send: (index: number) => this.postWithNodeHttp(route, requests[index]),
        close: () => undefined,
      }));
    }
    const wire = requests.map(({ headers, body }) => serialise(this.port, route, headers, body));
    const connections = await Promise.all(
      Array.from({ length: this.connections }, () => Http1Connection.open(this.port)),
    );
    return connections.map((connection) => ({
      send: (index: number) => connection.send(wire[index]),
      close: () => connection.close(),
    }));
  }

  private postWithNodeHttp(path: string, { headers, body }: BenchRequest): Promise<number> {
    return new Promise((resolve) => {
      const outgoing = request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path, headers, agent: this.agent },
        (response) => {
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(0));
          response.resume();
        },
      );
      outgoing.on('error', () => resolve(0));
      outgoing.end(body);
    });
  }
}
