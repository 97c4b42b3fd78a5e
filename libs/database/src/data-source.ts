import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';
import type { PostgresSsl } from './postgres-ssl';

export interface DatabaseOptions {
  url: string;
  /** Every table lives in this schema (one per test, `public` in production). */
  schema: string;
  entities?: MixedList<string | (new () => unknown)>;
  poolSize?: number;
  applicationName?: string;
  /** TLS to the server (postgresSslOf the settings); unset: none, or what the URL says. */
  ssl?: PostgresSsl;
}

/** TypeORM options shared by services, the ops CLI and tests; migrations are the project's. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    ...(options.ssl !== undefined && { ssl: options.ssl }),
    extra: {
      max: options.poolSize ?? 10,
      // Unqualified names in migrations and queries resolve to the configured schema.
      options: `-c search_path=${options.schema}`,
    },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

/** Creates the schema if needed and applies every pending migration; returns their names. */
export async function migrate(options: DatabaseOptions): Promise<string[]> {
  const dataSource = createDataSource({ ...options, poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
