import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Kafka } from 'kafkajs';
import { TOPIC_SPECS, TopicName, topicName } from '@donations/contracts';
import { createKafkaClient } from '@donations/kafka';
import {
  createTestSchema,
  createTestTopics,
  requiredEnv,
  TestSchema,
  testRedisPrefix,
  uniqueSuffix,
} from './isolation';
import { ServiceProcess } from './service-process';

const run = promisify(execFile);

/** The repository's root, where `npm run build` writes dist/. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The built entry point of a service, as deployed: dist/services/<name>/src/main.js. */
export const serviceEntry = (service: string): string =>
  join(REPO_ROOT, `dist/services/${service}/src/main.js`);

let built: Promise<void> | undefined;

/** `npm run build` (tsc, tsc-alias, the dashboard's page), once per test process. */
export function buildServices(): Promise<void> {
  built ??= run('npm', ['run', '--silent', 'build'], {
    cwd: REPO_ROOT,
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => undefined,
    (error: { stdout?: string; stderr?: string }) => {
      built = undefined;
      const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.slice(0, 4_000);
      throw new Error(`npm run build failed:\n${output}`, { cause: error });
    },
  );
  return built;
}

function envFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.includes('='));
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * Built services as child processes on the real Kafka, PostgreSQL and Redis, isolated like any
 * test: their own topic prefix, schema, Redis key prefix and consumer groups, and local-run
 * secrets from `ops dev-secrets` (the simulator signs with them). Every process logs to a file
 * in the work directory; stop() removes it all.
 */
export class LocalSystem {
  private readonly processes = new Map<string, ServiceProcess>();

  private constructor(
    readonly kafka: Kafka,
    readonly prefix: string,
    readonly schema: TestSchema,
    readonly workDir: string,
    readonly groups: { aggregator: string; statistics: string },
    private readonly env: Record<string, string | undefined>,
  ) {}

  /**
   * Builds, prepares topics, schema and secrets, and starts `services` (all ready on /health).
   * `kafka` puts the system on other brokers than the shared one (a DisposableKafka's `brokers`),
   * its topics created with `replicationFactor` (1 by default). `readyTimeoutMs`: how long each
   * service may take to answer /health (60 s; more for many services on a loaded machine).
   */
  static async start(
    services: readonly string[],
    options: {
      kafka?: { brokers: string[]; replicationFactor?: number };
      readyTimeoutMs?: number;
    } = {},
  ): Promise<LocalSystem> {
    await buildServices();
    const suffix = uniqueSuffix();
    const workDir = mkdtempSync(join(tmpdir(), `local-system-${suffix}-`));
    const brokers = options.kafka?.brokers ?? requiredEnv('KAFKA_BROKERS').split(',');
    const kafka = createKafkaClient({ brokers, clientId: `test-${suffix}`, retries: 2 });
    const replicationFactor = options.kafka?.replicationFactor ?? 1;
    const [prefix, schema] = await Promise.all([
      createTestTopics(kafka, { replicationFactor }),
      createTestSchema(),
    ]);
    await run('node', [serviceEntry('ops'), 'dev-secrets', '--dir', join(workDir, 'secrets')], {
      cwd: REPO_ROOT,
    });
    const groups = { aggregator: `aggregator-${suffix}`, statistics: `statistics-${suffix}` };
    const env = {
      PATH: process.env.PATH,
      KAFKA_BROKERS: brokers.join(','),
      TOPIC_PREFIX: prefix,
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: testRedisPrefix(),
      AGGREGATOR_GROUP_ID: groups.aggregator,
      STATISTICS_GROUP_ID: groups.statistics,
      DASHBOARD_LAG_GROUPS: `${groups.aggregator},${groups.statistics}`,
      LOG_LEVEL: 'warn',
      ...envFile(join(workDir, 'secrets', 'dev-secrets.env')),
    };
    const system = new LocalSystem(kafka, prefix, schema, workDir, groups, env);
    // The dashboard reads the aggregator's and the statistics' HTTP APIs: it starts once their
    // ports are known (startService gives it their URLs).
    const dashboardLast = [
      services.filter((service) => service !== 'dashboard'),
      services.filter((service) => service === 'dashboard'),
    ];
    try {
      for (const wave of dashboardLast) {
        await Promise.all(
          wave.map((service) => system.startService(service, options.readyTimeoutMs)),
        );
      }
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  /** Where `ops dev-secrets` wrote dev-secrets.env and platform-keys.json. */
  get secretsDir(): string {
    return join(this.workDir, 'secrets');
  }

  async startService(service: string, readyTimeoutMs?: number): Promise<ServiceProcess> {
    const process = await ServiceProcess.start({
      entry: serviceEntry(service),
      env: { ...this.env, ...this.upstreamUrls() },
      logFile: join(this.workDir, `${service}.log`),
      readyTimeoutMs,
    });
    this.processes.set(service, process);
    return process;
  }

  /** AGGREGATOR_URL and STATISTICS_URL of those running, for the services that call them. */
  private upstreamUrls(): Record<string, string> {
    const urls: Record<string, string> = {};
    if (this.processes.has('aggregator')) urls.AGGREGATOR_URL = this.url('aggregator');
    if (this.processes.has('statistics')) urls.STATISTICS_URL = this.url('statistics');
    return urls;
  }

  service(name: string): ServiceProcess {
    const process = this.processes.get(name);
    if (!process) throw new Error(`${name} is not running in this system`);
    return process;
  }

  url(service: string): string {
    return `http://127.0.0.1:${this.service(service).port}`;
  }

  /** Stops the services, drops the schema and the topics, removes the work directory. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop()));
    await this.schema.drop();
    const admin = this.kafka.admin();
    await admin.connect();
    const topics = (Object.keys(TOPIC_SPECS) as TopicName[]).map((base) =>
      topicName(base, this.prefix),
    );
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
