import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ServiceProcess } from '@donations/testing';
import { BenchStack } from '../common/bench-stack';
import type { SystemBenchConfig } from './system-bench.config';

const run = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '../../..');

const serviceEntry = (service: string): string =>
  join(REPO_ROOT, `dist/services/${service}/src/main.js`);

/** The path a donation takes first, then the rest by name (the order of the CPU columns). */
const PATH_ORDER = ['adapter-shuidi', 'aggregator', 'statistics', 'dashboard'];

const rank = (service: string): number => {
  const index = PATH_ORDER.indexOf(service);
  return index < 0 ? PATH_ORDER.length : index;
};

/** What `npm run start:system` starts: every service with an env file under deploy/local/env. */
export function systemServices(config: SystemBenchConfig): string[] {
  const services =
    config.BENCH_SERVICES !== ''
      ? config.BENCH_SERVICES.split(',').map((s) => s.trim())
      : readdirSync(join(REPO_ROOT, 'deploy/local/env'))
          .filter((file) => file.endsWith('.env'))
          .map((file) => file.slice(0, -'.env'.length));
  return services.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `KEY=value` lines of a dotenv file. */
function envFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'));
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * The whole system as `npm run start:system` runs it (each built service its own Node process),
 * isolated like LocalSystem in @donations/testing: the run's topic prefix and schema (BenchStack),
 * its own Redis key prefix and consumer groups, local-run secrets from `ops dev-secrets`.
 */
export class SystemUnderBench {
  readonly processes = new Map<string, ServiceProcess>();
  readonly redisPrefix: string;

  private constructor(
    private readonly config: SystemBenchConfig,
    readonly stack: BenchStack,
    readonly workDir: string,
    readonly secrets: Record<string, string>,
  ) {
    this.redisPrefix = `bench:${stack.run}:`;
  }

  /** Writes the run's secrets; the services start with start(). */
  static async prepare(config: SystemBenchConfig, stack: BenchStack): Promise<SystemUnderBench> {
    const workDir = join(REPO_ROOT, '.cache/bench/system', stack.run);
    mkdirSync(workDir, { recursive: true });
    const secretsDir = join(workDir, 'secrets');
    await run('node', [serviceEntry('ops'), 'dev-secrets', '--dir', secretsDir], {
      cwd: REPO_ROOT,
    });
    const secrets = envFile(join(secretsDir, 'dev-secrets.env'));
    return new SystemUnderBench(config, stack, workDir, secrets);
  }

  /** The adapter-shuidi signing secret (the first of SHUIDI_WEBHOOK_SECRETS). */
  get shuidiSecret(): string {
    return this.secrets.SHUIDI_WEBHOOK_SECRETS.split(',')[0].trim();
  }

  /** Starts every service, each ready on /health/ready. */
  async start(services: readonly string[]): Promise<void> {
    const { stack, config } = this;
    const groups = { aggregator: `aggregator-${stack.run}`, statistics: `statistics-${stack.run}` };
    const env = {
      // A service's own settings given to the bench go to the services (A/B runs of a knob).
      ...serviceSettings(process.env),
      PATH: process.env.PATH,
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      TOPIC_PREFIX: stack.prefix,
      DATABASE_URL: config.DATABASE_URL,
      DATABASE_SCHEMA: stack.schema,
      REDIS_URL: config.REDIS_URL,
      REDIS_KEY_PREFIX: this.redisPrefix,
      AGGREGATOR_GROUP_ID: groups.aggregator,
      STATISTICS_GROUP_ID: groups.statistics,
      DASHBOARD_LAG_GROUPS: `${groups.aggregator},${groups.statistics}`,
      LOG_LEVEL: config.BENCH_LOG_LEVEL,
      ...this.secrets,
    };
    const started = await Promise.all(
      services.map((service) =>
        ServiceProcess.start({
          entry: serviceEntry(service),
          env,
          logFile: join(this.workDir, `${service}.log`),
          nodeFlags: ['--disable-warning=TimeoutNegativeWarning'],
          readyTimeoutMs: 120_000,
        }),
      ),
    );
    services.forEach((service, i) => this.processes.set(service, started[i]));
  }

  service(name: string): ServiceProcess {
    const started = this.processes.get(name);
    if (!started) throw new Error(`${name} is not running (BENCH_SERVICES)`);
    return started;
  }

  /** The services' pids, in the order they were listed to start(). */
  pids(): Map<string, number> {
    return new Map([...this.processes].map(([name, service]) => [name, service.pid]));
  }

  /** Stops the services; drops the topics, schema and Redis keys unless BENCH_KEEP. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((service) => service.stop()));
    // Any that started while another failed to (and so never made it into `processes`).
    await ServiceProcess.stopAll();
    // The logs stay in workDir; the run's secrets do not.
    rmSync(join(this.workDir, 'secrets'), { recursive: true, force: true });
    if (this.config.BENCH_KEEP) {
      console.log(
        `kept topics ${this.stack.prefix}*, schema ${this.stack.schema}, Redis keys ${this.redisPrefix}*`,
      );
      return;
    }
    await this.stack.drop();
    await this.dropRedisKeys();
  }

  /** UNLINKs the run's Redis keys (with redis-cli, which the local stack has). */
  private async dropRedisKeys(): Promise<void> {
    const url = this.config.REDIS_URL;
    const script =
      'redis-cli -u "$1" --scan --pattern "$2*" | xargs -r -n 500 redis-cli -u "$1" unlink > /dev/null';
    await run('bash', ['-c', script, 'drop-keys', url, this.redisPrefix]).catch((error: unknown) =>
      console.error(`could not drop Redis keys ${this.redisPrefix}*:`, error),
    );
  }
}

/** AGGREGATOR_*, STATISTICS_*, DASHBOARD_* and WEBHOOK_* settings of the bench's environment. */
export function serviceSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && /^(AGGREGATOR|STATISTICS|DASHBOARD|WEBHOOK)_/.test(name)) {
      settings[name] = value;
    }
  }
  return settings;
}
