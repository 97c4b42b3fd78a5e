import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { makeUscc, topicName, TopicName, TOPICS } from '@donations/contracts';
import { AdapterHarness, uniqueSuffix, waitFor } from '@donations/testing';
import { AggregatorInstance } from '../services/aggregator/test/aggregator-instance';
import { buildProgram } from '../services/ops/src/program';
import { runOps, ShuidiOpsFixture, startShuidiOps } from './shuidi-ops.fixture';

const SECRET = `whsec_${Buffer.from('shuidi-renormalise-secret-0123456789').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
const OPERATOR_TOKEN = `operator-${uniqueSuffix()}-token`;

type Counts = Record<
  'unchanged' | 'newly-mapped' | 'changed' | 'still-failing' | 'now-failing',
  number
>;
type Figures = { campaignId: string; amountMinor: number };
type Report = {
  dryRun: boolean;
  selected: number;
  counts: Counts;
  newEvents: number;
  changedEvents: number;
  records: {
    result: string;
    was: string;
    reason: string | null;
    emitted: boolean;
    events: { eventId: string; status: string; after: Figures; before: Figures | null }[];
  }[];
};

/**
 * A mapping fix repaired with `ops renormalise`, on the real Kafka and PostgreSQL: webhooks for a
 * project nobody registered are refused (kept on donations.raw), others accepted; the project is
 * registered with `ops registry`; `ops renormalise --platform shuidi` emits the refused ones, and
 * the totals are exactly the sum of every donation, the accepted ones counted once.
 */
describe('ops renormalise: a mapping fix repairs the totals exactly', () => {
  let fixture: ShuidiOpsFixture;
  let adapter: AdapterHarness;
  let aggregator: AggregatorInstance;
  let pg: Client;
  let env: Record<string, string>;
  const registered = `proj-${uniqueSuffix()}`;
  const unregistered = `proj-${uniqueSuffix()}`;
  const campaignId = `campaign-${uniqueSuffix()}`;
  const otherCampaign = `campaign-${uniqueSuffix()}`;
  const accepted = [500, 700];
  const refused = [1100, 1300, 1700];

  beforeAll(async () => {
    fixture = await startShuidiOps({
      secret: SECRET,
      operatorToken: OPERATOR_TOKEN,
      actor: 'renormalise-spec',
    });
    ({ adapter, aggregator, pg, env } = fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Runs `ops --json <args> --adapter shuidi=<this test's adapter>` in-process. */
  const ops = <T = Report>(...args: string[]): Promise<T> =>
    runOps<T>(env, [...args, '--adapter', `shuidi=${adapter.url}`]);

  async function opsText(...args: string[]): Promise<string> {
    let stdout = '';
    const { program } = buildProgram(
      (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
      (text) => (stdout += text),
    );
    program.exitOverride();
    await program.parseAsync(['node', 'ops', ...args, '--adapter', `shuidi=${adapter.url}`]);
    if (process.env.SHOW_OPS_OUTPUT) process.stderr.write(`$ ops ${args.join(' ')}\n${stdout}`);
    return stdout;
  }

  function sendBytes(raw: Buffer) {
    const id = `msg_${uniqueSuffix()}`;
    const signature = new Webhook(SECRET).sign(id, new Date(), raw);
    return adapter.post('/webhooks/shuidi', raw, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': signature,
    });
  }

  function donate(projectId: string, amountFen: number) {
    const data = {
      orderNo: `sd-${uniqueSuffix()}`,
      projectId,
      amountFen,
      occurredAt: '2026-12-06T10:00:01+08:00',
      donor: { userId: `donor-${amountFen}` },
    };
    return sendBytes(Buffer.from(JSON.stringify({ type: 'donation.paid', data })));
  }

  async function totals(campaign = campaignId) {
    const response = await aggregator.get(`/campaigns/${campaign}`);
    if (response.status !== 200) return undefined;
    const view = (await response.json()) as {
      totals: Record<string, { donationCount: string; raisedMinor: string }>;
    };
    return view.totals.CNY;
  }

  const countedAre = (count: number, sum: number) =>
    waitFor(
      async () => {
        const now = await totals();
        return (
          (now?.donationCount === String(count) && now.raisedMinor === String(sum)) || undefined
        );
      },
      { description: `${count} donations of ${sum} fen counted` },
    );

  /** The log end of a topic, summed over its partitions: what has been written to it. */
  async function written(topic: TopicName): Promise<bigint> {
    const admin = adapter.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topicName(topic, adapter.prefix));
      return offsets.reduce((sum, { high }) => sum + BigInt(high), 0n);
    } finally {
      await admin.disconnect();
    }
  }
  const writes = async () => ({
    normalized: await written(TOPICS.donationsNormalized),
    raw: await written(TOPICS.donationsRaw),
  });
  const receipts = async () =>
    (await pg.query<{ n: string }>('SELECT count(*) AS n FROM webhook_receipts')).rows[0].n;

  const sum = (amounts: number[]) => amounts.reduce((a, b) => a + b, 0);
  const register = (project: string, campaign: string) =>
    ops(
      'registry',
      'campaigns',
      'add',
      '--platform',
      'shuidi',
      '--project',
      project,
      '--campaign',
      campaign,
      '--charity',
      CHARITY,
    );

  it('accepts donations to a registered project, refuses those to one not registered, keeps all raw', async () => {
    await register(registered, campaignId);
    for (const amount of accepted) expect((await donate(registered, amount)).status).toBe(204);
    for (const amount of refused) expect((await donate(unregistered, amount)).status).toBe(422);
    expect((await sendBytes(Buffer.from('{"type":"donation.paid","data":'))).status).toBe(400);
    await waitFor(() => adapter.raw.messages.length >= 6 || undefined, {
      description: 'six raw records',
    });
    await countedAre(accepted.length, sum(accepted));
  });

  it('before the fix: the accepted are unchanged, the refused still failing, nothing emitted', async () => {
    const before = await writes();
    const report = await ops('renormalise', '--platform', 'shuidi');
    expect(report).toMatchObject({
      selected: 6,
      counts: { unchanged: 2, 'newly-mapped': 0, changed: 0, 'still-failing': 4, 'now-failing': 0 },
      newEvents: 0,
    });
    expect(report.records.map((record) => record.reason).sort()).toEqual([
      'WEBHOOK.MALFORMED_BODY',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ]);
    expect(await writes()).toEqual(before);
  });

  it('after the fix, --dry-run says what would be emitted and emits nothing', async () => {
    await register(unregistered, campaignId);
    const before = { ...(await writes()), receipts: await receipts() };
    const report = await ops('renormalise', '--platform', 'shuidi', '--dry-run');
    expect(report).toMatchObject({
      dryRun: true,
      selected: 6,
      counts: { unchanged: 2, 'newly-mapped': 3, changed: 0, 'still-failing': 1 },
      newEvents: 3,
    });
    expect(report.records.every((record) => !record.emitted)).toBe(true);
    const text = await opsText('renormalise', '--platform', 'shuidi', '--dry-run');
    expect(text).toContain(
      '2 unchanged, 3 newly mapped, 0 changed, 1 still failing, 0 now failing',
    );
    expect(text).toContain(`new: donation.completed ${refused[0]} CNY -> ${campaignId}`);
    expect({ ...(await writes()), receipts: await receipts() }).toEqual(before);
  });

  it('renormalise emits the refused ones: the totals are exactly the sum of every donation', async () => {
    const before = await writes();
    const report = await ops('renormalise', '--platform', 'shuidi');
    expect(report).toMatchObject({
      dryRun: false,
      counts: { unchanged: 2, 'newly-mapped': 3, changed: 0, 'still-failing': 1 },
      newEvents: 3,
    });
    const mapped = report.records.filter((record) => record.result === 'newly-mapped');
    expect(mapped.map((record) => record.emitted)).toEqual([true, true, true]);
    expect(mapped.map((record) => record.events[0].after.amountMinor).sort()).toEqual(refused);
    const after = await writes();
    expect(after.normalized - before.normalized).toBe(3n);
    expect(after.raw).toBe(before.raw); // the raw log keeps what the platform sent, once
    await countedAre(5, sum([...accepted, ...refused]));
  });

  it('the text report names the records that changed and the counts', async () => {
    const text = await opsText('renormalise', '--platform', 'shuidi', '--dry-run');
    expect(text).toContain('6 shuidi raw records (the beginning to now) [dry run]: 5 unchanged');
    expect(text).toContain('still failing  WEBHOOK.MALFORMED_BODY');
    expect(text).toContain('0 events never emitted before would be sent');
  });

  it('a second renormalise changes nothing; a range with no records selects none', async () => {
    const before = await writes();
    const report = await ops('renormalise', '--platform', 'shuidi');
    expect(report).toMatchObject({
      counts: { unchanged: 5, 'newly-mapped': 0, changed: 0, 'still-failing': 1 },
      newEvents: 0,
      changedEvents: 0,
    });
    expect(await writes()).toEqual(before);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await ops('renormalise', '--platform', 'shuidi', '--from', future)).toMatchObject({
      selected: 0,
    });
  });

  it('a registration moved elsewhere shows as changed, and is not counted again anywhere', async () => {
    await ops(
      'registry',
      'campaigns',
      'update',
      '--platform',
      'shuidi',
      '--project',
      unregistered,
      '--campaign',
      otherCampaign,
    );
    const before = await writes();
    const report = await ops('renormalise', '--platform', 'shuidi');
    expect(report).toMatchObject({
      counts: { unchanged: 2, 'newly-mapped': 0, changed: 3, 'still-failing': 1 },
      newEvents: 0,
      changedEvents: 3,
    });
    const changed = report.records.filter((record) => record.result === 'changed');
    expect(changed.flatMap((record) => record.events)).toEqual(
      refused.map(
        () =>
          expect.objectContaining({
            status: 'differs',
            before: expect.objectContaining({ campaignId }) as unknown,
            after: expect.objectContaining({ campaignId: otherCampaign }) as unknown,
          }) as unknown,
      ),
    );
    expect(await writes()).toEqual(before);
    const text = await opsText('renormalise', '--platform', 'shuidi');
    expect(text).toContain(
      '2 unchanged, 0 newly mapped, 3 changed, 1 still failing, 0 now failing',
    );
    expect(text).toContain('3 events were emitted before with other figures: NOT re-counted');
    expect(text).toContain(`campaignId ${campaignId} -> ${otherCampaign}`);
    // A later donation (the same campaign's partition) shows every earlier event was applied.
    expect((await donate(registered, 1900)).status).toBe(204);
    await countedAre(6, sum([...accepted, ...refused, 1900]));
    expect(await totals(otherCampaign)).toBeUndefined();
  });

  it('an accepted request that now gives an id never emitted is reported, never sent', async () => {
    // Its receipt gone, the adapters cannot tell it was emitted: it looks like a new id would.
    const deleted = await pg.query<{ event_id: string }>(
      'DELETE FROM webhook_receipts WHERE amount_minor = 500 RETURNING event_id',
    );
    expect(deleted.rows).toHaveLength(1);
    const before = await writes();
    const report = await ops('renormalise', '--platform', 'shuidi');
    const held = report.records.filter((record) => record.was === 'accepted');
    expect(held).toEqual([
      expect.objectContaining({
        result: 'changed',
        emitted: false,
        events: [expect.objectContaining({ eventId: deleted.rows[0].event_id, status: 'new' })],
      }),
    ]);
    expect(await writes()).toEqual(before);
  });
});
