import { Webhook } from 'standardwebhooks';
import type { StatementReport } from '@donations/adapter-kit';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, uniqueSuffix, waitFor } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterShuidiConfigSchema } from '../src/config/adapter-shuidi.config';

const SECRET = `whsec_${Buffer.from('shuidi-refused-values-0123456789ab').toString('base64')}`;
const TOKEN = 'statement-import-token-refused-values';
const CHARITY = makeUscc('53100000500021676');
const HEADER = 'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId';
/** PostgreSQL refuses both: a NUL in text, and a year 0000. */
const NUL = '\u0000';
const YEAR_ZERO = '0000-01-01T00:00:00+08:00';

/**
 * Values PostgreSQL refuses never leave the adapter: a webhook carrying one gets the protocol's
 * failure answer with a code and goes to donations.dlq, a statement row carrying one is rejected
 * with its line, and nothing reaches donations.normalized.v1, where it would stall the aggregator.
 */
describe('adapter-shuidi and values PostgreSQL refuses, real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
      STATEMENT_IMPORT_TOKEN: TOKEN,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    await harness.register('shuidi', 'proj-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function paid(orderNo: string, occurredAt = '2026-09-09T10:00:01+08:00') {
    return {
      type: 'donation.paid',
      data: { orderNo, projectId: 'proj-1', amountFen: 500, occurredAt, donor: { userId: 'u-1' } },
    };
  }

  function send(body: unknown, correlationId: string) {
    const raw = Buffer.from(JSON.stringify(body));
    const id = `msg_${uniqueSuffix()}`;
    const at = new Date();
    return harness.post('/webhooks/shuidi', raw, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign(id, at, raw),
      'x-correlation-id': correlationId,
    });
  }

  it.each([
    [
      'a NUL in the order number',
      (orderNo: string) => paid(`${orderNo}${NUL}x`),
      /orderNo|platformTxnId/,
    ],
    ['a year 0000', (orderNo: string) => paid(orderNo, YEAR_ZERO), /occurredAt/],
  ])(
    'refuses a webhook with %s: 422 with a code, on the DLQ, not emitted',
    async (_name, body, field) => {
      const orderNo = `sd-refused-${uniqueSuffix()}`;
      const correlationId = `c-${uniqueSuffix()}`;
      const answer = await send(body(orderNo), correlationId);
      expect(answer.status).toBe(422);
      const { code, message } = answer.json();
      expect([code, message]).toEqual(['WEBHOOK.INVALID_EVENT', expect.stringMatching(field)]);
      expect(Object.keys(answer.json()).sort()).toEqual(['code', 'message']);
      const letter = await harness.waitForDeadLetter(correlationId);
      expect(letter.reason).toBe('WEBHOOK.INVALID_EVENT');
      // A later webhook of the same campaign (same partition) fences the check that nothing of
      // the refused one was emitted.
      const fence = `sd-fence-${uniqueSuffix()}`;
      expect((await send(paid(fence), `c-${uniqueSuffix()}`)).status).toBe(204);
      await harness.waitForEvents(fence, 1);
      expect(
        harness.normalized.values().filter((e) => e.platformTxnId.startsWith(orderNo)),
      ).toEqual([]);
    },
  );

  it('answers 422 WEBHOOK.UNKNOWN_CAMPAIGN to a project id with a NUL, and dead-letters it', async () => {
    const body = paid(`sd-project-${uniqueSuffix()}`);
    body.data.projectId = `proj-1${NUL}`;
    const correlationId = `c-${uniqueSuffix()}`;
    const answer = await send(body, correlationId);
    expect([answer.status, answer.json().code]).toEqual([422, 'WEBHOOK.UNKNOWN_CAMPAIGN']);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    );
  });

  it('rejects statement rows with a NUL or a year 0000 by line, dead-letters them, imports the rest', async () => {
    const [withNul, yearZero, good] = ['nul', 'year0', 'good'].map(
      (n) => `sd-${n}-${uniqueSuffix()}`,
    );
    const csv = [
      HEADER,
      `${withNul}${NUL}x,donation.paid,,2026-09-09 10:00:01,500,CNY,proj-1,,`,
      `${yearZero},donation.paid,,0000-01-01 10:00:00,500,CNY,proj-1,,`,
      `${good}-p,donation.paid,,2026-09-09 10:00:02,500,CNY,proj-1${NUL},,`,
      `${good},donation.paid,,2026-09-09 10:00:03,700,CNY,proj-1,,`,
    ].join('\n');
    const correlationId = `import-${uniqueSuffix()}`;
    const answer = await harness.post('/statements?platform=shuidi', csv, {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
      'x-correlation-id': correlationId,
    });
    expect(answer.status).toBe(200);
    const report = answer.json<StatementReport>();
    expect(report.rejected.map((row) => [row.line, row.code])).toEqual([
      [2, 'STATEMENT.INVALID_EVENT'],
      [3, 'STATEMENT.MALFORMED_ROW'],
      [4, 'STATEMENT.UNKNOWN_CAMPAIGN'],
    ]);
    expect(report.counts).toMatchObject({ events: 1, emitted: 1, rejected: 3 });
    const letters = await waitFor(
      () => {
        const found = harness.dlq.values().filter((l) => l.correlationId === correlationId);
        return found.length >= 3 ? found : undefined;
      },
      { description: 'the dead letters of the three refused rows' },
    );
    expect(letters.map((l) => [l.headers?.['x-statement-line'], l.reason]).sort()).toEqual([
      ['2', 'STATEMENT.INVALID_EVENT'],
      ['3', 'STATEMENT.MALFORMED_ROW'],
      ['4', 'STATEMENT.UNKNOWN_CAMPAIGN'],
    ]);
    await harness.waitForEvents(good, 1);
    const refused = harness.normalized
      .values()
      .filter((e) => e.platformTxnId.startsWith(withNul) || e.platformTxnId === yearZero);
    expect(refused).toEqual([]);
  });
});
