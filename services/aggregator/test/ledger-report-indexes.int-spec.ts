import { DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from '@donations/database';
import { createTestSchema, TestSchema } from '@donations/testing';
import { GenerationsRepository } from '../src/generations/generations.repository';

const INDEXES = ['donation_ledger_campaign_time_idx', 'donation_ledger_charity_time_idx'];

const migration = () => {
  const found = MIGRATIONS.find((each) => each.name === 'LedgerReportIndexes1764723600000');
  if (!found) throw new Error('LedgerReportIndexes1764723600000 is not in MIGRATIONS');
  return new found();
};

/** The report indexes in generation 0 (the service's schema) and in a rebuilt generation. */
describe('the ledger report indexes of every generation (real PostgreSQL)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let rebuilt: string;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      poolSize: 2,
    }).initialize();
    rebuilt = (await new GenerationsRepository(dataSource, schema.schema).buildingOrNew()).schema;
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${rebuilt}" CASCADE`);
    await dataSource?.destroy();
    await schema?.drop();
  });

  /** The report indexes each schema's ledger has, by schema. */
  async function indexes(): Promise<Record<string, string[]>> {
    const rows: { schemaname: string; indexname: string }[] = await dataSource.query(
      `SELECT schemaname, indexname FROM pg_indexes
       WHERE schemaname = ANY($1) AND indexname = ANY($2) ORDER BY 1, 2`,
      [[schema.schema, rebuilt], INDEXES],
    );
    const bySchema: Record<string, string[]> = { [schema.schema]: [], [rebuilt]: [] };
    for (const row of rows) bySchema[row.schemaname].push(row.indexname);
    return bySchema;
  }

  it('creates them with the tables of a new generation and of a fresh database', async () => {
    expect(await indexes()).toEqual({ [schema.schema]: INDEXES, [rebuilt]: INDEXES });
  });

  it('adds them to the ledger of every existing generation, and takes them back down', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await migration().down(runner);
      expect(await indexes()).toEqual({ [schema.schema]: [], [rebuilt]: [] });
      await migration().up(runner);
      expect(await indexes()).toEqual({ [schema.schema]: INDEXES, [rebuilt]: INDEXES });
      // Once more: a database created with them (CREATE INDEX IF NOT EXISTS).
      await migration().up(runner);
      expect(await indexes()).toEqual({ [schema.schema]: INDEXES, [rebuilt]: INDEXES });
    } finally {
      await runner.release();
    }
  });
});
