import { donationEventId, makeUscc } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule, JD_SERVICE } from '../src/app.module';
import { AdapterJdConfigSchema } from '../src/config/adapter-jd.config';
import {
  jdOrderPaid,
  jdOrderRefunded,
  jdSecret,
  JdTestBody,
  signedHeaders,
  TEST_PIN,
} from './jd-webhook.builder';

const OLD_SECRET = jdSecret('old');
const NEW_SECRET = jdSecret('new');
const CHARITY = makeUscc('53100000500021676');
const PATH = '/webhooks/jd';

interface SendOptions {
  secret?: string;
  at?: Date;
  tamper?: boolean;
}

describe('adapter-jd (Standard Webhooks) on real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterJdConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      JD_WEBHOOK_SECRETS: `${NEW_SECRET},${OLD_SECRET}`,
    });
    harness = await AdapterHarness.start(prepared, JD_SERVICE, AppModule.register(config));
    await harness.register('jd', 'act-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function send(body: unknown, { secret = NEW_SECRET, at = new Date(), tamper }: SendOptions = {}) {
    const raw = Buffer.from(JSON.stringify(body));
    const headers = signedHeaders(secret, raw, { at });
    if (tamper) raw[raw.length - 3] ^= 0x01;
    const correlationId = `c-${uniqueSuffix()}`;
    const result = harness.post(PATH, raw, { ...headers, 'x-correlation-id': correlationId });
    return { correlationId, raw, headers, result };
  }

  async function expectDeadLettered(body: JdTestBody, code: string, options?: SendOptions) {
    const { result, correlationId, raw } = send(body, options);
    const answer = await result;
    expect(answer.json().code).toBe(code);
    expect(answer.json().message.length).toBeGreaterThan(0);
    const letter = await harness.waitForDeadLetter(correlationId);
    expect(letter.reason).toBe(code);
    expect(letter.source).toBe(JD_SERVICE);
    expect(Buffer.from(letter.originalValueBase64, 'base64').equals(raw)).toBe(true);
    expect(harness.eventsFor(body.payload.orderId)).toEqual([]);
    return answer.status;
  }

  it('accepts a signed donation only after it is on donations.normalized.v1 and donations.raw', async () => {
    const body = jdOrderPaid();
    const { result } = send(body);
    expect((await result).status).toBe(204);
    const [event] = await harness.waitForEvents(body.payload.orderId, 1);
    expect(event).toMatchObject({
      type: 'donation.completed',
      platform: 'jd',
      platformTxnId: body.payload.orderId,
      campaignId,
      charityId: CHARITY,
      amountMinor: 1230,
      currency: 'CNY',
      occurredAt: '2026-09-09T10:00:01+08:00',
      donor: { ageBand: '25-34', region: 'CN-BJ' },
      eventId: donationEventId({
        platform: 'jd',
        type: 'donation.completed',
        platformTxnId: body.payload.orderId,
      }),
    });
    expect(event.donor.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain(TEST_PIN);
    const raw = await harness.waitForRaw(`jd:${body.payload.orderId}`);
    expect(Buffer.from(raw.value.bodyBase64, 'base64').toString()).toBe(JSON.stringify(body));
    expect(raw.value.headers['webhook-id']).toMatch(/^msg-/);
  });

  it('counts a duplicate delivery once: the same eventId, a success answer each time', async () => {
    const body = jdOrderPaid();
    expect((await send(body).result).status).toBe(204);
    expect((await send(body).result).status).toBe(204);
    const events = await harness.waitForEvents(body.payload.orderId, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });

  it('verifies with every configured secret during rotation', async () => {
    const body = jdOrderPaid();
    expect((await send(body, { secret: OLD_SECRET }).result).status).toBe(204);
    await harness.waitForEvents(body.payload.orderId, 1);
  });

  it.each([
    ['a tampered byte', { tamper: true }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a wrong key', { secret: jdSecret('not-ours') }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a stale timestamp', { at: new Date(Date.now() - 10 * 60_000) }, 'WEBHOOK.TIMESTAMP_STALE'],
  ])('rejects %s with 401 and dead-letters the original bytes', async (_name, options, code) => {
    expect(await expectDeadLettered(jdOrderPaid(), code, options)).toBe(401);
  });

  it('treats a replayed request as a duplicate, and a replay with a fresh timestamp as forged', async () => {
    const body = jdOrderPaid();
    const { raw, headers, result } = send(body);
    expect((await result).status).toBe(204);
    expect((await harness.post(PATH, raw, headers)).status).toBe(204);
    const events = await harness.waitForEvents(body.payload.orderId, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);

    const later = String(Number(headers['webhook-timestamp']) + 1);
    const forged = await harness.post(PATH, raw, { ...headers, 'webhook-timestamp': later });
    expect(forged.status).toBe(401);
    expect(forged.json().code).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it.each([
    ['0.01', 1],
    ['12.3', 1230],
    ['100', 10_000],
    ['99999.99', 9_999_999],
  ])('converts the yuan string %s to %d fen', async (amount, fen) => {
    const body = jdOrderPaid({ amount });
    expect((await send(body).result).status).toBe(204);
    const [event] = await harness.waitForEvents(body.payload.orderId, 1);
    expect(event.amountMinor).toBe(fen);
  });

  it.each([['12.345'], ['1e3'], ['-1'], ['0.00'], [' 12.30']])(
    'rejects the amount %j with 422 WEBHOOK.INVALID_AMOUNT, on the DLQ',
    async (amount) => {
      const status = await expectDeadLettered(jdOrderPaid({ amount }), 'WEBHOOK.INVALID_AMOUNT');
      expect(status).toBe(422);
    },
  );

  it('accepts a refund that arrives before its donation', async () => {
    const orderId = `jd-${uniqueSuffix()}`;
    expect((await send(jdOrderRefunded({ orderId, refundId: 'rf-1' })).result).status).toBe(204);
    expect((await send(jdOrderPaid({ orderId })).result).status).toBe(204);
    const events = await harness.waitForEvents(orderId, 2);
    expect(events.map((event) => [event.type, event.amountMinor]).sort()).toEqual([
      ['donation.completed', 1230],
      ['donation.refunded', 200],
    ]);
    expect(events.find((event) => event.type === 'donation.refunded')).toMatchObject({
      refundId: 'rf-1',
      campaignId,
    });
  });

  it('takes the pass-through charity over the registry', async () => {
    const charity = { campaignId: 'campaign-direct', creditCode: CHARITY };
    const body = jdOrderPaid({ activityId: 'unregistered', charity });
    expect((await send(body).result).status).toBe(204);
    const [event] = await harness.waitForEvents(body.payload.orderId, 1);
    expect(event).toMatchObject({ campaignId: 'campaign-direct', charityId: CHARITY });
  });

  it.each([
    [
      'an invalid USCC in the pass-through',
      jdOrderPaid({ charity: { campaignId: 'c-1', creditCode: '91350100M000100Y44' } }),
      422,
      'WEBHOOK.INVALID_CHARITY',
    ],
    [
      'an unknown campaign',
      jdOrderPaid({ activityId: 'nobody-knows' }),
      422,
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ],
    [
      'an unknown event type',
      { ...jdOrderPaid(), eventType: 'ORDER_TELEPORTED' },
      422,
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
    ['an unknown currency', jdOrderPaid({ currency: 'XYZ' }), 422, 'WEBHOOK.UNKNOWN_CURRENCY'],
    [
      'a refund without refundId',
      jdOrderRefunded({ refundId: undefined }),
      400,
      'WEBHOOK.MALFORMED_BODY',
    ],
    ['a numeric amount', jdOrderPaid({ amount: 12.3 }), 400, 'WEBHOOK.MALFORMED_BODY'],
  ])('answers %s with a stable code, on the DLQ', async (_name, body, status, code) => {
    expect(await expectDeadLettered(body, code)).toBe(status);
  });

  it('answers 415 for a wrong content type, on the DLQ', async () => {
    const raw = Buffer.from(JSON.stringify(jdOrderPaid()));
    const correlationId = `c-${uniqueSuffix()}`;
    const answer = await harness.post(PATH, raw, {
      ...signedHeaders(NEW_SECRET, raw),
      'content-type': 'text/plain',
      'x-correlation-id': correlationId,
    });
    expect(answer.status).toBe(415);
    expect(answer.json().code).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 413 with a JSON error for a body over 256 KiB', async () => {
    const raw = Buffer.alloc(300 * 1024, 'a');
    const answer = await harness.post(PATH, raw, signedHeaders(NEW_SECRET, raw));
    expect(answer.status).toBe(413);
    expect(answer.json().code).toBe('WEBHOOK.BODY_TOO_LARGE');
  });

  it('answers 503 while the broker is down, and accepts the retry once it is back, as one event', async () => {
    const body = jdOrderPaid();
    await harness.whileBrokerStopped(async () => {
      const answer = await send(body).result;
      expect(answer.status).toBe(503);
      expect(answer.json().code).toBe('WEBHOOK.UNAVAILABLE');
    });
    const retried = await harness.retryUntil(() => send(body).result, 204);
    expect(retried.status).toBe(204);
    const events = await harness.waitForEvents(body.payload.orderId, 1);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });
});
