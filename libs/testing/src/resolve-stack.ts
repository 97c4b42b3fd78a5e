import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseStackOutput, settingsFromEnv, StackSettings } from './stack-settings';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../..');

export type StackSource = 'environment' | 'testcontainers' | 'local-stack';

export interface ResolvedStack {
  source: StackSource;
  settings: StackSettings;
  /** How broker-down tests stop the broker: `local` or `docker:<container id>`. */
  kafkaControl: string;
  stop(): Promise<void>;
}

/**
 * Real Kafka, PostgreSQL and Redis for integration tests, in this order:
 * 1. the environment, when KAFKA_BROKERS, DATABASE_URL and REDIS_URL are all set;
 * 2. testcontainers, when a Docker engine answers;
 * 3. the local stack (deploy/local/stack up), which starts whatever is not running.
 * Never a mock: with no broker reachable the Kafka tests fail.
 */
export async function resolveStack(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ResolvedStack> {
  const fromEnv = settingsFromEnv(env);
  if (fromEnv) {
    return {
      source: 'environment',
      settings: fromEnv,
      kafkaControl: env.KAFKA_CONTROL ?? 'local',
      stop: () => Promise.resolve(),
    };
  }
  if (await dockerEngineAnswers()) {
    return startContainers();
  }
  const { stdout } = await run('bash', [resolve(repoRoot, 'deploy/local/stack'), 'up'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    source: 'local-stack',
    settings: parseStackOutput(stdout),
    kafkaControl: 'local',
    stop: () => Promise.resolve(),
  };
}

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<ResolvedStack> {
  const [{ KafkaContainer }, { PostgreSqlContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
  ]);
  const [kafka, postgres, redis] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0')
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .start(),
    new PostgreSqlContainer('postgres:16-alpine').withDatabase('donations').start(),
    new RedisContainer('redis:7-alpine').start(),
  ]);
  const settings: StackSettings = {
    KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    DATABASE_URL: postgres.getConnectionUri(),
    REDIS_URL: redis.getConnectionUrl(),
  };
  // Migrations and topics are created per test (own schema, own topic prefix).
  return {
    source: 'testcontainers',
    settings,
    kafkaControl: `docker:${kafka.getId()}`,
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop(), redis.stop()]);
    },
  };
}
