import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Webhook } from 'standardwebhooks';
import { createAdapterApp, StatementReport } from '@donations/adapter-kit';
import { loadConfig } from '@donations/config';
import { donationEventId, makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, uniqueSuffix, waitFor } from '@donations/testing';
import { AppModule } from '../src/app.module';
import {
  AdapterShuidiConfig,
  AdapterShuidiConfigSchema,
} from '../src/config/adapter-shuidi.config';

const SECRET = `whsec_${Buffer.from('shuidi-statement-secret-0123456789').toString('base64')}`;
const TOKEN = 'statement-import-token-0123456789';
const CHARITY = makeUscc('53100000500021676');
const HEADER = 'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId';

describe('statement (对账单) import on adapter-shuidi, real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  let config: AdapterShuidiConfig;
  const campaignId = `campaign-${uniqueSuffix()}`;
  const id = (name: string) => `sd-${name}-${uniqueSuffix()}`;
  /** A, B, D by webhook (and A's refund r-1); E only in the statement; G, H are bad rows. */
  const [A, B, D, E, G, H] = ['a', 'b', 'd', 'e', 'g', 'h'].map(id);
  const statement = [
    HEADER,
    `${A},donation.paid,,2026-09-09 10:00:01,500,CNY,proj-1,,`,
    `${A},donation.refunded,r-1,2026-09-09 12:00:00,200,CNY,proj-1,,`,
    `${B},donation.paid,,2026-09-09 10:00:02,900,CNY,proj-1,,`,
    `${E},donation.paid,,2026-09-09 11:00:00,700,,,${campaignId},${CHARITY}`,
    `${E},donation.refunded,r-2,2026-09-09 13:00:00,100,CNY,,,`,
    `${G},donation.paid,,2026-09-09 11:30:00,5.00,CNY,proj-1,,`,
    `${H},donation.paid,,2026-09-09 11:40:00,100,CNY,nobody-knows,,`,
  ].join('\n');
  const dryRunId = `dry-run-${uniqueSuffix()}`;
  const importId = `import-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
      STATEMENT_IMPORT_TOKEN: TOKEN,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    await harness.register('shuidi', 'proj-1', campaignId, CHARITY);
    for (const [type, orderNo, amountFen, refundNo] of [
      ['donation.paid', A, 500],
      ['donation.refunded', A, 200, 'r-1'],
      ['donation.paid', B, 800],
      ['donation.paid', D, 300],
    ] as const) {
      expect((await sendWebhook(type, orderNo, amountFen, refundNo)).status).toBe(204);
    }
    await Promise.all([A, B, D].map((orderNo) => harness.waitForEvents(orderNo, 1)));
    await harness.waitForEvents(A, 2);
  });

  afterAll(() => harness.close());

  function sendWebhook(type: string, orderNo: string, amountFen: number, refundNo?: string) {
    const occurredAt = '2026-09-09T10:00:01+08:00';
    const data = {
      orderNo,
      refundNo,
      projectId: 'proj-1',
      amountFen,
      occurredAt,
      donor: { userId: 'u-1' },
    };
    const raw = Buffer.from(JSON.stringify({ type, data }));
    const messageId = `msg_${uniqueSuffix()}`;
    const at = new Date();
    return harness.post('/webhooks/shuidi', raw, {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign(messageId, at, raw),
    });
  }

  function importStatement(
    csv: string,
    correlation: string,
    { dryRun = false, token = TOKEN } = {},
  ) {
    return harness.post(`/statements?dryRun=${dryRun}&platform=shuidi`, csv, {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${token}`,
      'x-correlation-id': correlation,
    });
  }

  function expectError(body: { code: string; message: string }, code: string) {
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(0);
  }

  const eventIdOf = (platformTxnId: string, refundId?: string) =>
    donationEventId({
      platform: 'shuidi',
      type: refundId ? 'donation.refunded' : 'donation.completed',
      platformTxnId,
      refundId,
    });

  function expectCategories(report: StatementReport, emitted: number, alreadyImported: boolean) {
    expect(report.counts).toEqual({
      rows: 7,
      events: 5,
      matched: 2,
      missingFromWebhooks: 2,
      emitted,
      amountMismatches: 1,
      missingFromStatement: 1,
      rejected: 2,
      ignored: 0,
    });
    expect(report.period).toEqual({
      from: '2026-09-08T16:00:00.000Z',
      to: '2026-09-09T15:59:59.999Z',
    });
    expect(
      report.missingFromWebhooks.map((e) => [e.line, e.eventId, e.amountMinor, e.campaignId]),
    ).toEqual([
      [5, eventIdOf(E), 700, campaignId],
      [6, eventIdOf(E, 'r-2'), 100, campaignId],
    ]);
    expect(report.missingFromWebhooks.every((e) => e.alreadyImported === alreadyImported)).toBe(
      true,
    );
    expect(report.amountMismatches).toEqual([
      expect.objectContaining({
        line: 4,
        eventId: eventIdOf(B),
        statement: { amountMinor: 900, currency: 'CNY' },
        recorded: { amountMinor: 800, currency: 'CNY', source: 'webhook' },
      }),
    ]);
    expect(report.missingFromStatement.map((e) => [e.eventId, e.amountMinor])).toEqual([
      [eventIdOf(D), 300],
    ]);
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [7, 'STATEMENT.INVALID_AMOUNT'],
      [8, 'STATEMENT.UNKNOWN_CAMPAIGN'],
    ]);
  }

  it('reports every category on a dry run and writes nothing', async () => {
    const answer = await importStatement(statement, dryRunId, { dryRun: true });
    expect(answer.status).toBe(200);
    const report = answer.json<StatementReport>();
    expect(report).toMatchObject({ platform: 'shuidi', dryRun: true, correlationId: dryRunId });
    expectCategories(report, 0, false);
  });

  it('emits only the donations no webhook delivered, with the webhooks’ eventIds', async () => {
    const answer = await importStatement(statement, importId);
    expect(answer.status).toBe(200);
    // The dry run recorded no receipt: the same two events are still missing, and now emitted.
    expectCategories(answer.json<StatementReport>(), 2, false);
    const filled = await harness.waitForEvents(E, 2);
    expect(filled.map((event) => event.eventId).sort()).toEqual(
      [eventIdOf(E), eventIdOf(E, 'r-2')].sort(),
    );
    expect(
      filled.every((event) => event.campaignId === campaignId && event.correlationId === importId),
    ).toBe(true);
    // One campaign, one partition: anything the import (or the dry run) emitted for A or B,
    // or the dry run for E, would have been read before the import's E events.
    const fromDryRun = harness.normalized.values().filter((e) => e.correlationId === dryRunId);
    expect(fromDryRun).toEqual([]);
    expect(
      harness
        .eventsFor(A)
        .map((event) => event.eventId)
        .sort(),
    ).toEqual([eventIdOf(A), eventIdOf(A, 'r-1')].sort());
    expect(harness.eventsFor(B).map((event) => event.amountMinor)).toEqual([800]);
  });

  it('dead-letters each rejected row with its bytes and reason; the dry run none', async () => {
    const lines = statement.split('\n');
    const letters = await waitFor(
      () => {
        const found = harness.dlq.values().filter((letter) => letter.correlationId === importId);
        return found.length >= 2 ? found : undefined;
      },
      { description: 'the dead letters of the two bad rows' },
    );
    // Letters are keyed by line: a dry run's letter would sit before the import's on its partition.
    expect(harness.dlq.values().filter((letter) => letter.correlationId === dryRunId)).toEqual([]);
    const byLine = letters.map((letter) => [
      letter.headers?.['x-statement-line'],
      letter.reason,
      Buffer.from(letter.originalValueBase64, 'base64').toString('utf8'),
      letter.headers?.['x-statement-header'],
      letter.source,
    ]);
    expect(byLine.sort()).toEqual([
      ['7', 'STATEMENT.INVALID_AMOUNT', lines[6], HEADER, 'adapter-shuidi'],
      ['8', 'STATEMENT.UNKNOWN_CAMPAIGN', lines[7], HEADER, 'adapter-shuidi'],
    ]);
  });

  it('imports the same statement again without emitting anything', async () => {
    const answer = await importStatement(statement, `again-${uniqueSuffix()}`);
    expect(answer.status).toBe(200);
    expectCategories(answer.json<StatementReport>(), 0, true);
    // A later webhook of the same campaign (same partition) fences the check.
    const fence = id('fence');
    expect((await sendWebhook('donation.paid', fence, 100)).status).toBe(204);
    await harness.waitForEvents(fence, 1);
    expect(harness.eventsFor(E)).toHaveLength(2);
  });

  it('takes a statement larger than the webhook body limit, in chunks', async () => {
    const orders = Array.from({ length: 4_000 }, (_, i) => `sd-bulk-${i}-${uniqueSuffix()}`);
    const rows = orders.map(
      (orderNo) => `${orderNo},donation.paid,,2026-10-01 09:00:00,100,CNY,proj-1,,`,
    );
    const csv = [HEADER, ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(config.WEBHOOK_BODY_LIMIT_BYTES);
    const answer = await importStatement(csv, `bulk-${uniqueSuffix()}`);
    expect(answer.status).toBe(200);
    expect(answer.json<StatementReport>().counts).toMatchObject({
      events: 4_000,
      emitted: 4_000,
      rejected: 0,
    });
    const last = orders[orders.length - 1];
    await harness.waitForEvents(last, 1);
    const emitted = new Set(harness.normalized.values().map((event) => event.platformTxnId));
    expect(orders.filter((orderNo) => !emitted.has(orderNo))).toEqual([]);
  });

  it.each([
    ['a wrong token', { authorization: `Bearer ${TOKEN}x` }, 401, 'STATEMENT.UNAUTHORIZED'],
    ['no token', {}, 401, 'STATEMENT.UNAUTHORIZED'],
    [
      'a JSON body',
      { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      415,
      'STATEMENT.UNSUPPORTED_MEDIA_TYPE',
    ],
  ])('refuses %s with {code, message}', async (_name, headers, status, code) => {
    const answer = await harness.post('/statements', statement, {
      'content-type': 'text/csv',
      ...headers,
    });
    expect(answer.status).toBe(status);
    expectError(answer.json(), code);
  });

  it('refuses a mistyped dry-run flag and another platform’s statement', async () => {
    const headers = { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` };
    expect((await harness.post('/statements?dry_run=true', statement, headers)).json().code).toBe(
      'STATEMENT.INVALID_QUERY',
    );
    const other = await harness.post('/statements?platform=alipay', statement, headers);
    expect([other.status, other.json().code]).toEqual([422, 'STATEMENT.PLATFORM_MISMATCH']);
  });

  it('answers 404 {code, message} on an adapter without a token', async () => {
    const { STATEMENT_IMPORT_TOKEN: _token, ...withoutToken } = config;
    let app: NestFastifyApplication | undefined;
    try {
      app = await createAdapterApp('adapter-shuidi', AppModule.register(withoutToken), config);
      await app.listen(0, '127.0.0.1');
      const response = await fetch(`${await app.getUrl()}/statements`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
        body: statement,
      });
      expect(response.status).toBe(404);
      expectError(
        (await response.json()) as { code: string; message: string },
        'STATEMENT.IMPORT_DISABLED',
      );
    } finally {
      await app?.close();
    }
  });
});
