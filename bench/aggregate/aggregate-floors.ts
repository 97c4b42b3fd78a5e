import { readFileSync } from 'node:fs';
import { EntityManager } from 'typeorm';
import { DonationEventV1Schema, parseTopicPayload, TOPICS } from '@donations/contracts';
import { createDataSource, migrate } from '@donations/database';
import type { ConsumedBatch, ParsedMessage } from '@donations/kafka';
import { ActiveGeneration } from '../../services/aggregator/src/generations/generation-scope';
import { TotalsRepository } from '../../services/aggregator/src/totals/totals.repository';
import { DonationStream } from '../common/donation-stream';

/**
 * The floors of the aggregator's steps, in this process, without Kafka: what validating an
 * event costs (JSON.parse alone, with zod, with the contract's fast path), and what each SQL
 * statement of the batch transaction costs PostgreSQL (its backends' CPU from /proc) and this
 * process, applying the bench's dataset in batches through TotalsRepository.applyBatch.
 *   node dist/bench/aggregate/aggregate-floors.js [events=160000] [batch=16000]
 */
type Normalized = typeof TOPICS.donationsNormalized;
type Query = (this: EntityManager, sql: string, params?: unknown[]) => Promise<unknown>;

const EVENTS = Number(process.argv[2] ?? 160_000);
const BATCH = Number(process.argv[3] ?? 16_000);
const TICK_US = 10_000; // USER_HZ 100

const STATEMENTS: readonly [string, RegExp][] = [
  ['ledger insert', /INSERT INTO donation_ledger/],
  ['refund lookups', /bool_or\(refund\)/],
  ['campaign upsert', /INSERT INTO campaign_totals/],
  ['charity upsert', /INSERT INTO charity_totals/],
  ['charity campaigns', /INSERT INTO charity_campaigns/],
  ['versions', /INSERT INTO aggregate_versions/],
  ['outbox', /INSERT INTO aggregate_outbox/],
];

const cpuUs = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

function backendCpuUs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_US;
}

function timeValidation(values: readonly string[]): void {
  const variants: [string, (text: string) => unknown][] = [
    ['JSON.parse', (text): unknown => JSON.parse(text)],
    ['JSON.parse + zod', (text) => DonationEventV1Schema.safeParse(JSON.parse(text))],
    [
      'JSON.parse + fast path',
      (text) => parseTopicPayload(TOPICS.donationsNormalized, JSON.parse(text)),
    ],
  ];
  for (const [name, run] of variants) {
    const start = cpuUs();
    for (const value of values) run(value);
    console.log(
      `validation ${name.padEnd(24)} ${((cpuUs() - start) / values.length).toFixed(2)} µs/event`,
    );
  }
}

function batchOf(values: readonly string[], first: number): ConsumedBatch<Normalized> {
  const messages = values.map((value, i) => ({
    key: null,
    value: Buffer.from(value),
    offset: String(first + i),
    headers: {},
    timestamp: '0',
  }));
  const last = first + values.length - 1;
  const topic = TOPICS.donationsNormalized;
  return {
    topic,
    kafkaTopic: topic,
    partition: 0,
    messages,
    firstOffset: String(first),
    lastOffset: String(last),
    nextOffset: String(last + 1),
  };
}

async function timeStatements(values: readonly string[]): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/donations';
  const schema = `floors_${Date.now().toString(36)}`;
  await migrate({ url, schema });
  const dataSource = await createDataSource({
    url,
    schema,
    applicationName: schema,
    poolSize: 2,
  }).initialize();
  const pidRows: { pid: number }[] = await dataSource.query(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [schema],
  );
  const pids = pidRows.map((row) => row.pid);
  const pg = new Map<string, number>();
  const proto = EntityManager.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = async function (this: EntityManager, sql: string, params?: unknown[]) {
    const name = STATEMENTS.find(([, pattern]) => pattern.test(sql))?.[0] ?? 'other statements';
    const before = backendCpuUs(pids);
    const result = await original.call(this, sql, params);
    pg.set(name, (pg.get(name) ?? 0) + backendCpuUs(pids) - before);
    return result;
  };
  const repository = new TotalsRepository(
    dataSource,
    'floors',
    new ActiveGeneration(schema, { lock: true }),
  );
  const [pgStart, jsStart] = [backendCpuUs(pids), cpuUs()];
  for (let first = 0; first < values.length; first += BATCH) {
    const batch = batchOf(values.slice(first, first + BATCH), first);
    const events = batch.messages.map((message): ParsedMessage<Normalized> => {
      const parsed = parseTopicPayload(
        TOPICS.donationsNormalized,
        JSON.parse(String(message.value)),
      );
      if (!parsed.ok) throw new Error('the bench dataset holds an invalid event');
      return { message, value: parsed.value };
    });
    await repository.applyBatch({ batch, events });
  }
  const perEvent = (us: number) => (us / values.length).toFixed(1).padStart(6);
  console.log(`\nPostgreSQL CPU per event by statement (batches of ${BATCH}):`);
  for (const [name, us] of [...pg].sort((a, b) => b[1] - a[1]))
    console.log(`  ${perEvent(us)} µs  ${name}`);
  console.log(`  ${perEvent(backendCpuUs(pids) - pgStart)} µs  all, with BEGIN/COMMIT`);
  console.log(
    `this process, parse + validate + applyBatch: ${perEvent(cpuUs() - jsStart)} µs/event`,
  );
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();
}

async function main(): Promise<void> {
  const stream = new DonationStream({
    events: EVENTS,
    campaigns: 10_000,
    charities: 1_000,
    seed: 1,
  });
  const values = stream.next(EVENTS).map((message) => message.value);
  console.log(`aggregate floors: ${values.length} events, 10000 campaigns, 1000 charities`);
  timeValidation(values);
  await timeStatements(values);
  console.log(
    `\nrerun: npm run build && node dist/bench/aggregate/aggregate-floors.js ${EVENTS} ${BATCH}`,
  );
}

void main();
