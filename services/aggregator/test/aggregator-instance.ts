import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAggregatorApp } from '../src/aggregator-app';
import type { AggregatorConfig } from '../src/config/aggregator.config';

/**
 * One aggregator instance in the test process, as a deployment runs it: the batch consumer
 * connected and the HTTP app listening on a free loopback port (health, metrics, queries).
 * Several instances with the same AGGREGATOR_GROUP_ID share one consumer group.
 */
export class AggregatorInstance {
  private closed = false;

  private constructor(
    readonly name: string,
    private readonly app: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  /** `name` becomes the Kafka client id, so that the instance is recognisable in the group. */
  static async start(config: AggregatorConfig, name: string): Promise<AggregatorInstance> {
    const app = await createAggregatorApp({ ...config, KAFKA_CLIENT_ID: name, HTTP_PORT: 0 });
    try {
      await app.startAllMicroservices();
      await app.listen(0, '127.0.0.1');
    } catch (error) {
      await app.close();
      throw error;
    }
    return new AggregatorInstance(name, app, await app.getUrl());
  }

  /** A graceful shutdown: the consumer leaves the group, connections close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.app.close();
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
  }

  /** The samples of a metric as GET /metrics reports them: label set -> value. */
  async samples(name: string): Promise<Map<string, number>> {
    const response = await this.get('/metrics');
    if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
    return samplesOf(await response.text(), name);
  }
}

/** The samples of `name` in the Prometheus text format, by their label set. */
export function samplesOf(exposition: string, name: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match?.[1] === name) samples.set(match[2] ?? '', Number(match[3]));
  }
  return samples;
}
