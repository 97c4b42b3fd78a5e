import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  aDonationEvent,
  aRefundEvent,
  DonationEventV1,
  makeUscc,
  TOPICS,
} from '@donations/contracts';
import { TypedProducer } from '@donations/kafka';
import { LocalSystem, requiredEnv, serviceEntry, uniqueSuffix, waitFor } from '@donations/testing';
import { buildProgram } from '../services/ops/src/program';
import type { VerifyReport } from '../services/ops/src/verify/verify.report';

const run = promisify(execFile);
const CHARITY_A = makeUscc('53100000500021676');
const CHARITY_B = makeUscc('53100000500021677');

/**
 * `ops verify` against the real aggregator and statistics (built, as deployed) on topics and a
 * schema of their own: the totals, the aggregate topics and the statistics agree with the ledger
 * after donations, a refund, a refused refund and one taken back; a total damaged by hand is
 * found, exactly that figure, and the command fails; after `ops rebuild aggregator` it passes.
 */
describe('ops verify: the totals, topics and statistics against the ledger', () => {
  let system: LocalSystem;
  let producer: TypedProducer;
  let pg: Client;
  let env: Record<string, string>;
  const suffix = uniqueSuffix();
  const campaigns = [`verify-a-${suffix}`, `verify-b-${suffix}`, `verify-c-${suffix}`];

  beforeAll(async () => {
    system = await LocalSystem.start(['aggregator', 'statistics']);
    producer = TypedProducer.create(system.kafka, system.prefix);
    pg = new Client({ connectionString: system.schema.url });
    await pg.connect();
    await pg.query(`SET search_path TO "${system.schema.schema}"`);
    env = {
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: system.schema.url,
      DATABASE_SCHEMA: system.schema.schema,
      TOPIC_PREFIX: system.prefix,
      OPERATOR_TOKEN: secret('OPERATOR_TOKEN'),
    };
  }, 300_000);

  afterAll(async () => {
    // The generations a rebuild created live in schemas of their own, beside the test's schema.
    const generations = await pg
      ?.query<{ schema_name: string }>(
        'SELECT schema_name FROM aggregator_generations WHERE schema_name <> current_schema()',
      )
      .catch(() => ({ rows: [] }));
    for (const { schema_name: schema } of generations?.rows ?? []) {
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await pg?.end();
    await producer?.disconnect();
    await system?.stop();
  });

  function secret(name: string): string {
    const file = readFileSync(join(system.secretsDir, 'dev-secrets.env'), 'utf8');
    const line = file.split('\n').find((candidate) => candidate.startsWith(`${name}=`));
    if (line === undefined) throw new Error(`${name} is not in dev-secrets.env`);
    return line.slice(name.length + 1);
  }

  /** `ops --json verify ...` in-process: its report, and the error it failed with, if any. */
  async function verify(...args: string[]): Promise<{ report: VerifyReport; error?: unknown }> {
    let stdout = '';
    const { program } = buildProgram(
      (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
      (text) => (stdout += text),
    );
    program.exitOverride();
    const argv = ['node', 'ops', '--json', 'verify', ...statistics(), ...args];
    const error = await program.parseAsync(argv).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (stdout === '') throw error;
    return { report: JSON.parse(stdout) as VerifyReport, error };
  }

  const statistics = () => ['--statistics-url', system.url('statistics')];

  async function publish(events: readonly DonationEventV1[]): Promise<void> {
    await producer.send(
      TOPICS.donationsNormalized,
      events.map((event) => ({ key: event.campaignId, value: event })),
    );
  }

  async function ledgerRows(): Promise<number> {
    const { rows } = await pg.query<{ count: string }>('SELECT count(*) FROM donation_ledger');
    return Number(rows[0].count);
  }

  /** Until every source has caught up with the ledger: the report of the first clean run. */
  async function untilVerified(...args: string[]): Promise<VerifyReport> {
    let last: VerifyReport | undefined;
    try {
      return await waitFor(
        async () => {
          const { report, error } = await verify(...args);
          last = report;
          return error === undefined && report;
        },
        { timeoutMs: 60_000, intervalMs: 500, description: 'ops verify passes' },
      );
    } catch (error) {
      throw new Error(`${String(error)}; last differences: ${JSON.stringify(last?.differences)}`, {
        cause: error,
      });
    }
  }

  it('passes once the aggregator, its topics and the statistics have counted the traffic', async () => {
    const [a, b, c] = campaigns;
    // A refund before its donation that the donation shows to exceed it: counted, then taken back.
    const early = aDonationEvent({ campaignId: c, charityId: CHARITY_B, amountMinor: 300 });
    await publish([aRefundEvent({ ...refundOf(early), amountMinor: 900 })]);
    await waitFor(async () => (await ledgerRows()) === 1 || undefined, {
      description: 'the early refund in the ledger',
    });
    const donations = [
      aDonationEvent({ campaignId: a, charityId: CHARITY_A, amountMinor: 1_000 }),
      aDonationEvent({
        campaignId: a,
        charityId: CHARITY_A,
        amountMinor: 2_500,
        platform: 'tencent',
      }),
      aDonationEvent({
        campaignId: a,
        charityId: CHARITY_A,
        amountMinor: 700,
        currency: 'USD',
        platform: 'stripe',
      }),
      aDonationEvent({ campaignId: b, charityId: CHARITY_A, amountMinor: 4_200, platform: 'jd' }),
      early,
    ];
    const refund = aRefundEvent({ ...refundOf(donations[1]), amountMinor: 500 });
    const tooMuch = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 9_999 });
    await publish([...donations, refund, tooMuch, donations[0]]);
    await waitFor(async () => (await ledgerRows()) === 8 || undefined, {
      description: 'every event in the ledger',
    });

    const report = await untilVerified();
    expect(report).toMatchObject({
      generation: { generation: 0 },
      checked: { campaigns: 3, charities: 2 },
      sources: {
        'totals-table': 'compared',
        'aggregate-topic': 'compared',
        statistics: 'compared',
      },
      differences: [],
    });
  });

  it('finds a total damaged on purpose, exactly that figure, and fails', async () => {
    const [a, b] = campaigns;
    await pg.query(
      `UPDATE campaign_totals SET raised_minor = raised_minor + 1
       WHERE campaign_id = $1 AND currency = 'CNY'`,
      [a],
    );
    const { report, error } = await verify();
    expect(error).toMatchObject({ code: 'OPS.VERIFY_DIFFERENCES' });
    expect(report.differences).toEqual([
      {
        source: 'totals-table',
        kind: 'campaign',
        key: a,
        field: 'CNY.raisedMinor',
        expected: '3500',
        found: '3501',
      },
    ]);

    // --campaign: that campaign and its charity only.
    const one = await verify('--campaign', a);
    expect(one.report.checked).toEqual({ campaigns: 1, charities: 1 });
    expect(one.report.differences).toHaveLength(1);
    const other = await verify('--campaign', b);
    expect(other.error).toBeUndefined();
    expect(other.report.checked).toEqual({ campaigns: 1, charities: 1 });

    // As an operator runs it: the difference on stdout, the failure on stderr, exit code 1.
    const cli = await run('node', [serviceEntry('ops'), 'verify', ...statistics()], {
      env: { ...process.env, ...env },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `totals-table campaign ${a} CNY.raisedMinor: ledger 3500, found 3501`,
    );
    expect(cli.stdout).toContain('1 difference: 3 campaigns and 2 charities of generation 0');
    expect(cli.stderr).toContain('ops: 1 figure(s) differ from the ledger');
    process.stderr.write(`--- ops verify (damaged) ---\n${cli.stdout}${cli.stderr}`);
  });

  it('passes after ops rebuild aggregator', async () => {
    let stdout = '';
    const { program } = buildProgram(
      (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
      (text) => (stdout += text),
    );
    program.exitOverride();
    await program.parseAsync([
      ...['node', 'ops', '--json', 'rebuild', 'aggregator'],
      ...['--aggregator-url', system.url('aggregator'), '--token', env.OPERATOR_TOKEN],
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ generation: 1, state: 'active' });

    const report = await untilVerified();
    expect(report).toMatchObject({
      generation: { generation: 1 },
      checked: { campaigns: 3, charities: 2 },
      differences: [],
    });
    const cli = await run('node', [serviceEntry('ops'), 'verify', ...statistics()], {
      env: { ...process.env, ...env },
    });
    process.stderr.write(`--- ops verify (after the rebuild) ---\n${cli.stdout}${cli.stderr}`);
  });

  it("prunes the retired generation's tables (never the active one), and verify still passes", async () => {
    const prune = async (...args: string[]) => {
      let stdout = '';
      const { program } = buildProgram(
        (output) => ({
          env,
          output,
          progress: () => () => ({ advance: () => {}, stop: () => {} }),
        }),
        (text) => (stdout += text),
      );
      program.exitOverride();
      await program.parseAsync([
        ...['node', 'ops', '--json', 'generations', 'prune', '--service', 'aggregator'],
        ...['--aggregator-url', system.url('aggregator'), '--token', env.OPERATOR_TOKEN, ...args],
      ]);
      return JSON.parse(stdout) as { aggregator: { generation: number; ledgerRows: number }[] };
    };
    // Generation 0 (the test's schema) was retired by the rebuild; its ledger still has rows.
    const rowsBefore = await ledgerRows();
    expect(rowsBefore).toBeGreaterThan(0);
    const dryRun = await prune('--dry-run');
    expect(dryRun.aggregator).toEqual([
      expect.objectContaining({ generation: 0, dryRun: true, ledgerRows: rowsBefore }),
    ]);
    expect(await ledgerRows()).toBe(rowsBefore);

    const pruned = await prune();
    expect(pruned.aggregator).toEqual([
      expect.objectContaining({ generation: 0, dryRun: false, ledgerRows: rowsBefore }),
    ]);
    expect(await ledgerRows()).toBe(0);
    const states = await pg.query<{ generation: number; state: string }>(
      'SELECT generation, state FROM aggregator_generations ORDER BY generation',
    );
    expect(states.rows).toEqual([
      { generation: 0, state: 'pruned' },
      { generation: 1, state: 'active' },
    ]);
    // Nothing retired is left; the active generation is refused outright.
    expect((await prune()).aggregator).toEqual([]);
    const refused = await fetch(`${system.url('aggregator')}/rebuilds/1`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${env.OPERATOR_TOKEN}` },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'AGGREGATE.GENERATION_IN_USE' });

    const report = await untilVerified();
    expect(report).toMatchObject({ generation: { generation: 1 }, differences: [] });
  });
});

function refundOf(donation: DonationEventV1) {
  return {
    platform: donation.platform,
    platformTxnId: donation.platformTxnId,
    campaignId: donation.campaignId,
    charityId: donation.charityId,
    currency: donation.currency,
    occurredAt: donation.occurredAt,
  };
}
