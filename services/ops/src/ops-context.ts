import { userInfo } from 'node:os';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { createDataSource, postgresSslOf } from '@donations/database';
import { createKafkaClient, kafkaSecurityOf } from '@donations/kafka';
import { loadConfig } from '@donations/config';
import { OpsConfig, OpsConfigSchema } from './config/ops.config';
import { OpsError } from './ops-error';
import { OpsEnvSchema } from './ops-env';
import type { Output } from './output';
import { progressFactory, ProgressFactory } from './progress';

/** What commands read from outside: the environment, where to write, whether a terminal. */
export interface OpsContext {
  env: NodeJS.ProcessEnv;
  output: Output;
  progress: () => ProgressFactory;
}

export function defaultContext(output: Output, json: () => boolean): OpsContext {
  return {
    env: process.env,
    output,
    progress: () => progressFactory({ json: json(), tty: process.stderr.isTTY === true }),
  };
}

export const opsConfigOf = (context: OpsContext): OpsConfig =>
  loadConfig(OpsConfigSchema, context.env);

/** `--token`, else OPERATOR_TOKEN. */
export function operatorToken(context: OpsContext, given: string | undefined): string {
  const token = given ?? loadConfig(OpsEnvSchema, context.env).OPERATOR_TOKEN;
  if (token === undefined) {
    throw new OpsError('OPS.TOKEN_REQUIRED', 'give --token or set OPERATOR_TOKEN');
  }
  return token;
}

/** HTTP_PORT_OFFSET: how far the local run's ports are moved (a copy run beside another). */
export const portOffsetOf = (context: OpsContext): number =>
  loadConfig(OpsEnvSchema, context.env).HTTP_PORT_OFFSET;

/** `--actor`, else OPS_ACTOR, else the login name: recorded in audit rows. */
export function actorOf(context: OpsContext, given: string | undefined): string {
  return given ?? context.env.OPS_ACTOR ?? userInfo().username;
}

/** The ops CLI's kafkajs client, with the TLS and SASL settings the services have. */
export const opsKafka = (config: OpsConfig): Kafka =>
  createKafkaClient({
    brokers: config.KAFKA_BROKERS,
    clientId: 'ops',
    security: kafkaSecurityOf(config),
  });

/** Kafka and PostgreSQL for the duration of a command. */
export async function withConnections<T>(
  config: OpsConfig,
  run: (connections: { kafka: Kafka; dataSource: DataSource }) => Promise<T>,
): Promise<T> {
  const kafka = opsKafka(config);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    applicationName: 'ops',
    poolSize: 2,
    ssl: postgresSslOf(config),
  });
  await dataSource.initialize();
  try {
    return await run({ kafka, dataSource });
  } finally {
    await dataSource.destroy();
  }
}
