import { Command } from 'commander';
import { TOPIC_SPECS, TopicName, topicName } from '@donations/contracts';
import { createDataSource, migrate, MIGRATIONS, postgresSslOf } from '@donations/database';
import { ensureTopics } from '@donations/kafka';
import { loadOpsConfig, OpsConfig } from '../config/ops.config';
import { opsKafka } from '../ops-context';
import { Output } from '../output';

/** `ops migrate` and `ops topics ensure`: what the stack script runs after the services are up. */
export function registerStackCommands(program: Command, output: Output): void {
  program
    .command('migrate')
    .description('apply pending TypeORM migrations to DATABASE_URL / DATABASE_SCHEMA')
    .option('--dry-run', 'list the migrations that would be applied; apply nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const config = loadOpsConfig();
      if (options.dryRun) {
        const pending = await pendingMigrations(config);
        output.result({ schema: config.DATABASE_SCHEMA, pending, dryRun: true }, () =>
          pending.length > 0 ? `would apply ${pending.join(', ')}` : 'migrations up to date',
        );
        return;
      }
      const applied = await migrate({
        url: config.DATABASE_URL,
        schema: config.DATABASE_SCHEMA,
        applicationName: 'ops',
        ssl: postgresSslOf(config),
      });
      output.result({ schema: config.DATABASE_SCHEMA, applied }, () =>
        applied.length > 0 ? `applied ${applied.join(', ')}` : 'migrations up to date',
      );
    });

  program
    .command('topics')
    .description("create the project's topics (partitions, cleanup policies) where missing")
    .option('--dry-run', 'list the topics that would be created; create nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const config = loadOpsConfig();
      const kafka = opsKafka(config);
      const admin = kafka.admin();
      await admin.connect();
      try {
        if (options.dryRun) {
          const present = new Set(await admin.listTopics());
          const wanted = (Object.keys(TOPIC_SPECS) as TopicName[]).map((base) =>
            topicName(base, config.TOPIC_PREFIX),
          );
          const missing = wanted.filter((topic) => !present.has(topic));
          output.result({ missing, dryRun: true }, () =>
            missing.length > 0 ? `would create ${missing.join(', ')}` : 'topics all there',
          );
          return;
        }
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

/** Migrations of the project not yet recorded in the schema's migrations table. */
async function pendingMigrations(config: OpsConfig): Promise<string[]> {
  const schema = config.DATABASE_SCHEMA;
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    schema,
    poolSize: 1,
    applicationName: 'ops',
    ssl: postgresSslOf(config),
  });
  await dataSource.initialize();
  try {
    const [table] = await dataSource.query<{ exists: boolean }[]>(
      `SELECT to_regclass($1) IS NOT NULL AS exists`,
      [`"${schema}".typeorm_migrations`],
    );
    const done = table?.exists
      ? (await dataSource.query<{ name: string }[]>(`SELECT name FROM typeorm_migrations`)).map(
          (row) => row.name,
        )
      : [];
    return MIGRATIONS.map((migration) => new migration().name).filter(
      (name) => !done.includes(name),
    );
  } finally {
    await dataSource.destroy();
  }
}
