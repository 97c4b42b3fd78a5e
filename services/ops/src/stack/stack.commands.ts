import { Command } from 'commander';
import { migrate } from '@donations/database';
import { createKafkaClient, ensureTopics } from '@donations/kafka';
import { loadOpsConfig } from '../config/ops.config';
import { Output } from '../output';

/** `ops migrate` and `ops topics ensure`: what the stack script runs after the services are up. */
export function registerStackCommands(program: Command, output: Output): void {
  program
    .command('migrate')
    .description('apply pending TypeORM migrations to DATABASE_URL / DATABASE_SCHEMA')
    .action(async () => {
      const config = loadOpsConfig();
      const applied = await migrate({
        url: config.DATABASE_URL,
        schema: config.DATABASE_SCHEMA,
        applicationName: 'ops',
      });
      output.result({ schema: config.DATABASE_SCHEMA, applied }, () =>
        applied.length > 0 ? `applied ${applied.join(', ')}` : 'migrations up to date',
      );
    });

  program
    .command('topics')
    .description("create the project's topics (partitions, cleanup policies) where missing")
    .action(async () => {
      const config = loadOpsConfig();
      const kafka = createKafkaClient({ brokers: config.KAFKA_BROKERS, clientId: 'ops' });
      const admin = kafka.admin();
      await admin.connect();
      try {
        const result = await ensureTopics(admin, {
          prefix: config.TOPIC_PREFIX,
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        });
        output.result(
          result,
          () => `topics: ${result.created.length} created, ${result.existing.length} already there`,
        );
      } finally {
        await admin.disconnect();
      }
    });
}
