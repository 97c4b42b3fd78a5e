import { Client } from 'pg';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, requiredEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../services/adapter-shuidi/src/app.module';
import { AdapterShuidiConfigSchema } from '../services/adapter-shuidi/src/config/adapter-shuidi.config';
import { AggregatorConfigSchema } from '../services/aggregator/src/config/aggregator.config';
import { AggregatorInstance } from '../services/aggregator/test/aggregator-instance';
import { buildProgram } from '../services/ops/src/program';

/**
 * What an `ops` test against a real adapter needs: adapter-shuidi (with OPERATOR_TOKEN) and an
 * aggregator in-process on topics and a schema of their own, a PostgreSQL client on that schema,
 * and the environment `ops` runs with.
 */
export interface ShuidiOpsFixture {
  readonly adapter: AdapterHarness;
  readonly aggregator: AggregatorInstance;
  readonly pg: Client;
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startShuidiOps(options: {
  secret: string;
  operatorToken: string;
  actor: string;
}): Promise<ShuidiOpsFixture> {
  const prepared = await AdapterHarness.prepare();
  const { prefix, schema } = prepared;
  const adapterConfig = loadConfig(AdapterShuidiConfigSchema, {
    ...adapterTestEnv(prefix, schema.schema),
    SHUIDI_WEBHOOK_SECRETS: options.secret,
    OPERATOR_TOKEN: options.operatorToken,
  });
  const adapter = await AdapterHarness.start(
    prepared,
    'adapter-shuidi',
    AppModule.register(adapterConfig),
  );
  const aggregatorConfig = loadConfig(AggregatorConfigSchema, {
    HTTP_PORT: '0',
    KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    AGGREGATOR_GROUP_ID: `aggregator-${uniqueSuffix()}`,
  });
  const aggregator = await AggregatorInstance.start(
    aggregatorConfig,
    `aggregator-${options.actor}`,
  );
  const pg = new Client({ connectionString: schema.url });
  await pg.connect();
  await pg.query(`SET search_path TO "${schema.schema}"`);
  const env = {
    KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.schema,
    TOPIC_PREFIX: prefix,
    OPERATOR_TOKEN: options.operatorToken,
    OPS_ACTOR: options.actor,
  };
  return {
    adapter,
    aggregator,
    pg,
    env,
    close: async () => {
      await pg.end();
      await aggregator.close();
      await adapter.close();
    },
  };
}

/** Runs `ops --json <args>` in-process with `env`: its JSON document on stdout. */
export async function runOps<T = Record<string, unknown>>(
  env: Record<string, string>,
  args: readonly string[],
): Promise<T> {
  let stdout = '';
  const { program } = buildProgram(
    (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
    (text) => (stdout += text),
  );
  program.exitOverride();
  await program.parseAsync(['node', 'ops', '--json', ...args]);
  return JSON.parse(stdout) as T;
}
