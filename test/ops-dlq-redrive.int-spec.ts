import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { donationEventId, makeUscc } from '@donations/contracts';
import { AdapterHarness, uniqueSuffix, waitFor } from '@donations/testing';
import { AggregatorInstance } from '../services/aggregator/test/aggregator-instance';
import { runOps, ShuidiOpsFixture, startShuidiOps } from './shuidi-ops.fixture';

const SECRET = `whsec_${Buffer.from('shuidi-ops-secret-0123456789abcdef').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
const OPERATOR_TOKEN = `operator-${uniqueSuffix()}-token`;

/**
 * The operators' repair path end to end, on the real Kafka and PostgreSQL: a signed webhook for a
 * campaign nobody registered yet is refused (422) but kept (donations.raw and donations.dlq); the
 * campaign is registered with `ops registry`; `ops dlq redrive` puts the request through the
 * adapter's mapping again and the aggregator counts it once, however often it is re-driven.
 */
describe('ops dlq redrive: a webhook refused for an unregistered campaign, counted once', () => {
  let fixture: ShuidiOpsFixture;
  let adapter: AdapterHarness;
  let aggregator: AggregatorInstance;
  let pg: Client;
  let env: Record<string, string>;
  const project = `proj-${uniqueSuffix()}`;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    fixture = await startShuidiOps({
      secret: SECRET,
      operatorToken: OPERATOR_TOKEN,
      actor: 'ops-spec',
    });
    ({ adapter, aggregator, pg, env } = fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Runs `ops --json <args>` in-process against this test's topics, schema and adapter. */
  const ops = <T = Record<string, unknown>>(...args: string[]): Promise<T> =>
    runOps<T>(env, [...args, ...adapterOption(args)]);

  const adapterOption = (args: string[]) =>
    args[0] === 'registry' || args[1] === 'redrive' ? ['--adapter', `shuidi=${adapter.url}`] : [];

  function send(orderNo: string, projectId: string, { tamper = false } = {}) {
    const body = {
      type: 'donation.paid',
      data: {
        orderNo,
        projectId,
        amountFen: 500,
        occurredAt: '2026-12-06T10:00:01+08:00',
        donor: { userId: 'donor-1' },
      },
    };
    return { body, ...sendBytes(Buffer.from(JSON.stringify(body)), { tamper }) };
  }

  function sendBytes(raw: Buffer, { tamper = false } = {}) {
    const id = `msg_${uniqueSuffix()}`;
    const signature = new Webhook(SECRET).sign(id, new Date(), raw);
    if (tamper) raw[raw.length - 3] ^= 0x01;
    const correlationId = `c-${uniqueSuffix()}`;
    const result = adapter.post('/webhooks/shuidi', raw, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': signature,
      'x-correlation-id': correlationId,
    });
    return { correlationId, result };
  }

  async function totals(): Promise<{ donationCount: string; raisedMinor: string } | undefined> {
    const response = await aggregator.get(`/campaigns/${campaignId}`);
    if (response.status !== 200) return undefined;
    const view = (await response.json()) as {
      totals: Record<string, { donationCount: string; raisedMinor: string }>;
    };
    return view.totals.CNY;
  }

  const orderNo = `sd-${uniqueSuffix()}`;
  type Letter = { id: string; reason: string; platform: string; authenticated: boolean | null };
  type List = { letters: Letter[]; hidden: number };
  type Report = {
    selected: number;
    counts: { counted: number; failing: number; skipped: number };
    letters: { id: string; outcome: string; outcomeReason: string | null; eventIds: string[] }[];
  };

  it('refuses the webhook with 422 but keeps it: raw record with its outcome, and a dead letter', async () => {
    const { result, correlationId, body } = send(orderNo, project);
    const answer = await result;
    expect(answer.status).toBe(422);
    expect(answer.json().code).toBe('WEBHOOK.UNKNOWN_CAMPAIGN');
    const raw = await adapter.waitForRaw(`shuidi:${orderNo}`);
    expect(raw.value.outcome).toMatchObject({
      status: 'rejected',
      reason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
    });
    expect(Buffer.from(raw.value.bodyBase64, 'base64').toString()).toBe(JSON.stringify(body));
    const letter = await adapter.waitForDeadLetter(correlationId);
    expect(letter).toMatchObject({ reason: 'WEBHOOK.UNKNOWN_CAMPAIGN', authenticated: true });

    // A signed body that does not parse is kept too, keyed by its bytes.
    const unparsable = sendBytes(Buffer.from('{"type":"donation.paid","data":'));
    expect((await unparsable.result).status).toBe(400);
    await waitFor(
      () =>
        adapter.raw.messages.find(
          (message) =>
            message.value.correlationId === unparsable.correlationId &&
            /^shuidi#sha256:[0-9a-f]{32}$/.test(message.key ?? '') &&
            message.value.outcome?.status === 'rejected',
        ),
      { description: 'the raw record of the signed body that is not JSON' },
    );
    expect(await adapter.waitForDeadLetter(unparsable.correlationId)).toMatchObject({
      reason: 'WEBHOOK.MALFORMED_BODY',
      authenticated: true,
    });

    // A request that fails authentication is dead-lettered, never raw.
    const forged = send(`sd-${uniqueSuffix()}`, project, { tamper: true });
    expect((await forged.result).status).toBe(401);
    expect(await adapter.waitForDeadLetter(forged.correlationId)).toMatchObject({
      authenticated: false,
    });
    expect(adapter.raw.values().map((value) => value.correlationId)).not.toContain(
      forged.correlationId,
    );
  });

  it('lists and shows the letters; a redrive before the registration still fails with its reason', async () => {
    const list = await ops<List>('dlq', 'list', '--platform', 'shuidi');
    expect(list.letters.map((letter) => letter.reason).sort()).toEqual([
      'WEBHOOK.MALFORMED_BODY',
      'WEBHOOK.SIGNATURE_INVALID',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ]);
    const unknown = list.letters.find((letter) => letter.reason === 'WEBHOOK.UNKNOWN_CAMPAIGN')!;
    const shown = await ops<{ body: { encoding: string; text: string } }>(
      'dlq',
      'show',
      unknown.id,
    );
    expect(JSON.parse(shown.body.text)).toMatchObject({ data: { orderNo, projectId: project } });

    const early = await ops<Report>('dlq', 'redrive', '--reason', 'WEBHOOK.UNKNOWN_CAMPAIGN');
    expect(early.letters).toEqual([
      expect.objectContaining({
        id: unknown.id,
        outcome: 'failing',
        outcomeReason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
      }),
    ]);
  });

  it('registers the campaign with ops registry, audited, after a dry run that writes nothing', async () => {
    const add = ['registry', 'campaigns', 'add', '--platform', 'shuidi', '--project', project];
    const target = ['--campaign', campaignId, '--charity', CHARITY];
    expect(await ops(...add, ...target, '--dry-run')).toMatchObject({
      change: 'created',
      dryRun: true,
    });
    expect(await ops<unknown[]>('registry', 'campaigns', 'list', '--platform', 'shuidi')).toEqual(
      [],
    );

    expect(await ops(...add, ...target)).toMatchObject({ change: 'created', dryRun: false });
    const listed = await ops<unknown[]>('registry', 'campaigns', 'list', '--platform', 'shuidi');
    expect(listed).toEqual([expect.objectContaining({ platformProjectId: project, campaignId })]);
    const audit = await pg.query<{ actor: string; action: string; after: { campaignId: string } }>(
      'SELECT actor, action, after FROM registry_audit',
    );
    expect(audit.rows).toEqual([
      {
        actor: 'ops-spec',
        action: 'campaign.add',
        after: expect.objectContaining({ campaignId }) as unknown,
      },
    ]);
  });

  it('re-drives the letter: counted once; a second redrive counts nothing', async () => {
    const first = await ops<Report>('dlq', 'redrive');
    // The signed body that is not JSON still fails, with its reason; the forged one is skipped.
    expect(first.counts).toEqual({ counted: 1, failing: 1, skipped: 1 });
    const eventId = donationEventId({
      platform: 'shuidi',
      type: 'donation.completed',
      platformTxnId: orderNo,
    });
    expect(first.letters.find((letter) => letter.outcome === 'counted')?.eventIds).toEqual([
      eventId,
    ]);
    expect(first.letters.find((letter) => letter.outcome === 'skipped')?.outcomeReason).toBe(
      'OPS.NOT_AUTHENTICATED',
    );
    await waitFor(async () => (await totals())?.donationCount === '1' || undefined, {
      description: 'the re-driven donation counted',
    });

    // Counted letters are not selected again; the others are tried again.
    const second = await ops<Report>('dlq', 'redrive');
    expect(second.counts).toEqual({ counted: 0, failing: 1, skipped: 1 });

    // Forced (--all), the same event goes out again with its id: the aggregator ignores it. A
    // later donation of the campaign (same partition, after it) shows it was seen and not counted.
    const forced = await ops<Report>(
      'dlq',
      'redrive',
      '--all',
      '--reason',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    );
    expect(forced.letters.map((letter) => letter.eventIds)).toEqual([[eventId]]);
    expect((await send(`sd-${uniqueSuffix()}`, project).result).status).toBe(204);
    await waitFor(async () => (await totals())?.donationCount === '2' || undefined, {
      description: 'the later donation counted',
    });
    expect(await totals()).toMatchObject({ donationCount: '2', raisedMinor: '1000' });
  });

  it('retitles the registration with ops registry campaigns update, audited with before and after', async () => {
    const update = [
      'registry',
      'campaigns',
      'update',
      '--platform',
      'shuidi',
      '--project',
      project,
    ];
    expect(await ops(...update, '--title', '助学计划')).toMatchObject({ change: 'updated' });
    expect(await ops(...update, '--title', '助学计划')).toMatchObject({ change: 'unchanged' });
    const audit = await pg.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM registry_audit WHERE action = 'campaign.update'`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'campaign.update',
        before: expect.not.objectContaining({ title: expect.anything() as unknown }) as unknown,
        after: expect.objectContaining({ campaignId, title: '助学计划' }) as unknown,
      },
    ]);
  });

  it('imports registrations from a CSV, line by line: created, unchanged, refused', async () => {
    const file = join(tmpdir(), `registry-${uniqueSuffix()}.csv`);
    const other = `proj-${uniqueSuffix()}`;
    writeFileSync(
      file,
      'platform,platformProjectId,campaignId,charityId,title\n' +
        `shuidi,${other},${campaignId},${CHARITY},\n` +
        `shuidi,${project},${campaignId},${CHARITY},\n` +
        `shuidi,${project},another-campaign,${CHARITY},\n`,
    );
    const report = await ops<{ lines: { line: number; change: string; reason?: string }[] }>(
      'registry',
      'campaigns',
      'import',
      file,
    );
    expect(report.lines).toEqual([
      { line: 2, change: 'created' },
      { line: 3, change: 'unchanged' },
      expect.objectContaining({ line: 4, change: 'refused', reason: 'REGISTRY.CONFLICT' }),
    ]);
  });

  it('hides re-driven and counted letters from dlq list, and shows them with --all', async () => {
    const list = await ops<List>('dlq', 'list');
    expect(list.letters.map((letter) => letter.reason).sort()).toEqual([
      'WEBHOOK.MALFORMED_BODY',
      'WEBHOOK.SIGNATURE_INVALID',
    ]);
    expect(list.hidden).toBe(1);
    const all = await ops<{
      letters: (Letter & { redrive: { outcome: string; attempts: number } })[];
    }>('dlq', 'list', '--all', '--reason', 'WEBHOOK.UNKNOWN_CAMPAIGN');
    expect(all.letters.map((letter) => letter.redrive)).toEqual([
      expect.objectContaining({ outcome: 'counted', attempts: 3 }),
    ]);
  });
});
